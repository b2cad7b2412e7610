namespace Bot.Channels.Sms;

/// <summary>SMS through Twilio (<c>Twilio</c>). SMS is off when <see cref="AccountSid"/> is empty.</summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    /// <summary>The district's number, in E.164 (+15555550100): replies are sent from it.</summary>
    public string? PhoneNumber { get; set; }

    /// <summary>The public base URL Twilio calls (https://desk.district.org): signatures are checked against it, never against forwarded headers.</summary>
    public string? WebhookBaseUrl { get; set; }

    /// <summary>Twilio's REST API; tests and regional edges set another.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>Off only in Development, with a warning at start-up.</summary>
    public bool ValidateSignatures { get; set; } = true;

    /// <summary>A US long code sends one segment per second.</summary>
    public double SegmentsPerSecond { get; set; } = 1;

    /// <summary>Attempts before a message is dead-lettered and the failure shows on its ticket.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry's delay; each later one doubles, with jitter, up to five minutes.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>What HELP answers: the district's help line and hours.</summary>
    public string HelpReply { get; set; } = "District device help desk. Text your question here anytime. Reply STOP to stop messages.";

    /// <summary>The largest photo kept from a text; Twilio accepts MMS of up to 5 MB.</summary>
    public long MaxMediaBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Delete a photo at Twilio once the desk has kept it (Twilio otherwise keeps it indefinitely).</summary>
    public bool DeleteMediaAfterDownload { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(AccountSid);
}
