using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;

namespace Bot.Channels.Teams;

/// <summary>
/// The addresses a Teams user signs in with, as Teams tells the bot (their email, then their sign-in name), to match
/// them with the desk's staff and accounts; none when Teams does not say, and then they are treated as unknown.
/// </summary>
public sealed partial class TeamsSignIns(ILogger<TeamsSignIns> logger)
{
    public async Task<IReadOnlyList<string>> OfSenderAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        try
        {
            var member = await TeamsInfo.GetMemberAsync(turnContext, turnContext.Activity.From.Id, cancellationToken);
            return [.. new[] { member.Email, member.UserPrincipalName }.OfType<string>().Where(value => value.Length > 0)];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogMemberUnknown(logger, ex.GetType().FullName);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams did not give a member's details ({ExceptionType}); they are treated as unknown")]
    private static partial void LogMemberUnknown(ILogger logger, string? exceptionType);
}
