using Bot.Data.Contacts;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Caching.Memory;

namespace Bot.Channels.Teams;

/// <summary>
/// Recognises staff writing in Teams. They are known by their Entra object id once seen; the first time, Teams is
/// asked for their email and sign-in name, which are matched against imported staff, and the object id is
/// remembered on the person. Someone who matches nobody is not asked about again for a while.
/// </summary>
public sealed class TeamsStaffDirectory(PeopleStore people, TeamsSignIns signIns, IMemoryCache unknown, TimeProvider time)
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
        foreach (var signIn in await signIns.OfSenderAsync(turnContext, cancellationToken))
        {
            if (await people.StaffBySignInAsync(signIn, cancellationToken) is { } person)
            {
                return person;
            }
        }

        return null;
    }

    private static string CacheKey(string objectId) => $"teams-unknown:{objectId}";
}
