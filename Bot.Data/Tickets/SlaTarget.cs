using System.Globalization;

namespace Bot.Data.Tickets;

public enum SlaUnit
{
    BusinessHours,
    BusinessDays,
}

/// <summary>A response or resolution target as districts write it: <c>1h</c>, <c>4h</c>, <c>8h</c>, <c>1d</c>.</summary>
public readonly record struct SlaTarget(int Amount, SlaUnit Unit)
{
    public static SlaTarget Parse(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        if (trimmed.Length >= 2
            && int.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            && amount > 0)
        {
            switch (trimmed[^1])
            {
                case 'h':
                    return new SlaTarget(amount, SlaUnit.BusinessHours);
                case 'd':
                    return new SlaTarget(amount, SlaUnit.BusinessDays);
            }
        }

        throw new FormatException($"'{text}' is not a target: write hours as '4h' or business days as '1d'.");
    }

    public override string ToString() => $"{Amount}{(Unit == SlaUnit.BusinessHours ? "h" : "d")}";
}
