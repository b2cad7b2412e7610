using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;

namespace Bot.Channels.Teams;

/// <summary>
/// The addresses a Teams user signs in with, as Teams tells the bot (their email, then their sign-in name), to match
/// them with the desk's staff and accounts; none when Teams does not say.
/// </summary>
public static class TeamsSignIns
{
    public static async Task<IReadOnlyList<string>> OfSenderAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var member = await TeamsInfo.GetMemberAsync(turnContext, turnContext.Activity.From.Id, cancellationToken);
        return [.. new[] { member.Email, member.UserPrincipalName }.OfType<string>().Where(value => value.Length > 0)];
    }
}
