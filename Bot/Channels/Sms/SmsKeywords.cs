namespace Bot.Channels.Sms;

public enum SmsKeyword
{
    None,
    Stop,
    Start,
    Help,
}

/// <summary>The carrier keywords (CTIA): opt-out, opt-in and help words, as a whole message, in any case.</summary>
public static class SmsKeywords
{
    private static readonly Dictionary<string, SmsKeyword> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["STOP"] = SmsKeyword.Stop,
        ["STOPALL"] = SmsKeyword.Stop,
        ["UNSUBSCRIBE"] = SmsKeyword.Stop,
        ["CANCEL"] = SmsKeyword.Stop,
        ["END"] = SmsKeyword.Stop,
        ["QUIT"] = SmsKeyword.Stop,
        ["OPTOUT"] = SmsKeyword.Stop,
        ["REVOKE"] = SmsKeyword.Stop,
        ["START"] = SmsKeyword.Start,
        ["YES"] = SmsKeyword.Start,
        ["UNSTOP"] = SmsKeyword.Start,
        ["HELP"] = SmsKeyword.Help,
        ["INFO"] = SmsKeyword.Help,
        ["AYUDA"] = SmsKeyword.Help,
    };

    public static SmsKeyword Classify(string? body) =>
        body is not null && Words.TryGetValue(body.Trim().TrimEnd('.', '!'), out var keyword) ? keyword : SmsKeyword.None;
}
