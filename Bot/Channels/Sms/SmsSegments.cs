using System.Buffers;
using System.Text;

namespace Bot.Channels.Sms;

/// <summary>
/// How carriers count a text: GSM-7 (160 characters in one segment, 153 each when split; extension characters count
/// twice) unless any character needs UCS-2 (70, then 67; characters outside the BMP, like emoji, count twice).
/// </summary>
public static class SmsSegments
{
    public const int MaxLength = 1600;

    private const string Gsm7Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Gsm7Extension = "^{}\\[~]|€\f";

    private static readonly SearchValues<char> Gsm7 = SearchValues.Create(Gsm7Basic + Gsm7Extension);
    private static readonly SearchValues<char> Extension = SearchValues.Create(Gsm7Extension);

    public static bool IsGsm7(string text) => !text.AsSpan().ContainsAnyExcept(Gsm7);

    /// <summary>The number of segments <paramref name="text"/> is sent as.</summary>
    public static int Count(string text)
    {
        if (text.Length == 0)
        {
            return 1;
        }

        if (IsGsm7(text))
        {
            var septets = text.Length;
            foreach (var c in text)
            {
                septets += Extension.Contains(c) ? 1 : 0; // an extension character takes an escape septet too
            }

            return septets <= 160 ? 1 : (int)Math.Ceiling(septets / 153.0);
        }

        var units = text.Length; // UTF-16 code units: a surrogate pair counts as two, as carriers count it
        return units <= 70 ? 1 : (int)Math.Ceiling(units / 67.0);
    }

    /// <summary>
    /// Splits a long reply into texts of at most <paramref name="maxSegments"/> segments each, at line breaks, then
    /// sentences, then words, so that each part reads on its own and arrives in order.
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int maxSegments = 2)
    {
        // Most replies fit as they are; word by word, below, gives the same text for them.
        var whole = text.Trim();
        if (Count(whole) <= maxSegments && whole.Length <= MaxLength)
        {
            return [whole];
        }

        var parts = new List<string>();
        var current = new StringBuilder();
        foreach (var piece in Pieces(text))
        {
            var candidate = current.Length == 0 ? piece.TrimStart() : current + piece;
            if (Count(candidate) <= maxSegments && candidate.Length <= MaxLength)
            {
                current.Clear().Append(candidate);
                continue;
            }

            if (current.Length > 0)
            {
                parts.Add(current.ToString().TrimEnd());
            }

            current.Clear().Append(piece.TrimStart());
            while (Count(current.ToString()) > maxSegments)
            {
                // A single word longer than the limit: cut it.
                var cut = Math.Max(1, current.Length / 2);
                parts.Add(current.ToString(0, cut));
                current.Remove(0, cut);
            }
        }

        if (current.Length > 0)
        {
            parts.Add(current.ToString().TrimEnd());
        }

        return parts.Count == 0 ? [string.Empty] : parts;
    }

    /// <summary>Words with the white space before them, so that joining them gives back the text.</summary>
    private static IEnumerable<string> Pieces(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i - 1]))
            {
                yield return text[start..i];
                start = i;
            }
        }
    }
}
