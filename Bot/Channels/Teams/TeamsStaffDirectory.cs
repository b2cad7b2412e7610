using Bot.Data.Contacts;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Caching.Memory;

namespace Bot.Channels.Teams;

/// <summary>
/// Recognises staff writing in Teams. They are known by their Entra object id once seen; the first time, Teams is
/// asked for their email and sign-in name, which are matched against imported staff, and the object id is
/// remembered on the person. Someone who matches nobody is not asked about again for a while.
/// </summary>
public sealed partial class TeamsStaffDirectory(PeopleStore people, IMemoryCache unknown, TimeProvider time, ILogger<TeamsStaffDirectory> logger)
{
    private static readonly TimeSpan RetryUnknownAfter = TimeSpan.FromHours(1);

    public async Task RecogniseAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.From?.AadObjectId is not { Length: > 0 } objectId
            || unknown.TryGetValue(CacheKey(objectId), out _)
            || (await people.ByAddressAsync(TeamsSender.ChannelId, objectId, cancellationToken)).Count > 0)
        {
            return;
        }

        var staff = await StaffAsync(turnContext, cancellationToken);
        if (staff is null)
        {
            unknown.Set(CacheKey(objectId), true, time.GetUtcNow() + RetryUnknownAfter);
            return;
        }

        await people.AddAddressAsync(staff.Id, TeamsSender.ChannelId, objectId, cancellationToken);
    }

    private async Task<Person?> StaffAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> signIns;
        try
        {
            signIns = await TeamsSignIns.OfSenderAsync(turnContext, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogMemberUnknown(logger, ex.GetType().FullName);
            return null;
        }

        foreach (var signIn in signIns)
        {
            if (await people.StaffBySignInAsync(signIn, cancellationToken) is { } person)
            {
                return person;
            }
        }

        return null;
    }

    private static string CacheKey(string objectId) => $"teams-unknown:{objectId}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams did not give a member's details ({ExceptionType}); they are served as not recognised")]
    private static partial void LogMemberUnknown(ILogger logger, string? exceptionType);
}
