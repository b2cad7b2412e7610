using Microsoft.Bot.Schema;

namespace Bot.Dialogs.Engine;

/// <summary>Who wrote an activity, as the desk records and recognises them on its channel.</summary>
public static class ActivityAddress
{
    /// <summary>
    /// The sender's Microsoft Entra object id where the channel gives one (Teams): it is the same in every conversation
    /// of the tenant, while the channel's own user id differs per bot. Otherwise the channel's user id.
    /// </summary>
    public static string Of(IActivity activity) =>
        activity.From?.AadObjectId is { Length: > 0 } objectId ? objectId : activity.From?.Id ?? string.Empty;
}
