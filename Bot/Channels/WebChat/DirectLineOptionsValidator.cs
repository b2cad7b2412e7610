using Microsoft.Extensions.Options;

namespace Bot.Channels.WebChat;

internal sealed class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectLineOptions options)
    {
        var problems = new List<string>();
        if (options.TokenLifetime <= TimeSpan.Zero)
        {
            problems.Add("DirectLine:TokenLifetime must be positive.");
        }

        if (options.StreamPollInterval <= TimeSpan.Zero || options.StreamKeepAliveInterval <= TimeSpan.Zero)
        {
            problems.Add("DirectLine:StreamPollInterval and DirectLine:StreamKeepAliveInterval must be positive.");
        }

        if (options.TokensPerMinutePerClient <= 0 || options.MessagesPerMinutePerConversation <= 0 || options.RequestsPerMinutePerConversation <= 0)
        {
            problems.Add("DirectLine:TokensPerMinutePerClient, DirectLine:MessagesPerMinutePerConversation and DirectLine:RequestsPerMinutePerConversation must be positive.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
