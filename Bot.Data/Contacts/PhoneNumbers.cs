using PhoneNumbers;

namespace Bot.Data.Contacts;

/// <summary>
/// Phone numbers as the desk stores and matches them: E.164 (+13125550142), read with libphonenumber in the
/// district's default region, so that "(312) 555-0142" in an export matches the number Twilio reports.
/// </summary>
public sealed class PhoneNumberNormalizer(string defaultRegion)
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public string DefaultRegion { get; } = defaultRegion;

    /// <summary>The number in E.164, or null when it is not a valid phone number.</summary>
    public string? ToE164(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            var number = Util.Parse(value, DefaultRegion);
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    public static bool IsKnownRegion(string region) => Util.GetSupportedRegions().Contains(region);
}
