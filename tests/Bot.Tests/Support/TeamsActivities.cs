using System.Text.Json.Nodes;

namespace Bot.Tests.Support;

/// <summary>Activities as Teams posts them to <c>/api/messages</c> (channel <c>msteams</c>), in their wire format.</summary>
internal static class TeamsActivities
{
    public const string BotId = "28:desk-bot";
    public const string TenantId = "tenant-1";
    public const string TeamId = "19:team-general@thread.tacv2";

    /// <summary>Someone in Teams: the channel's user id and their Entra object id.</summary>
    public sealed record Member(string Id, string AadObjectId, string Name);

    /// <summary>A message in the person's one-to-one chat with the bot.</summary>
    public static JsonObject PersonalMessage(Uri serviceUrl, Member from, string conversationId, string text) =>
        Activity("message", serviceUrl, from, Personal(conversationId), text);

    /// <summary>A message in a team channel, where people @mention the bot.</summary>
    public static JsonObject ChannelMessage(Uri serviceUrl, Member from, string channelId, string text)
    {
        var activity = Activity("message", serviceUrl, from, Channel(channelId), $"<at>Desk</at> {text}");
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>Desk</at>",
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "Desk" },
        });
        activity["channelData"] = TeamChannelData(channelId);
        return activity;
    }

    /// <summary>The app installed for one person: the bot joins their personal chat.</summary>
    public static JsonObject PersonalInstall(Uri serviceUrl, Member by, string conversationId)
    {
        var activity = Activity("conversationUpdate", serviceUrl, by, Personal(conversationId), text: null);
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
        return activity;
    }

    /// <summary>The app added to a team: the bot joins its channels.</summary>
    public static JsonObject TeamInstall(Uri serviceUrl, Member by, string channelId)
    {
        var activity = Activity("conversationUpdate", serviceUrl, by, Channel(channelId), text: null);
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
        activity["channelData"] = TeamChannelData(channelId);
        activity["channelData"]!["eventType"] = "teamMemberAdded";
        return activity;
    }

    /// <summary>A button of an adaptive card pressed (<c>Action.Execute</c>): an invoke to which Teams expects an answer.</summary>
    public static JsonObject CardAction(Uri serviceUrl, Member from, string conversationId, string cardActivityId, string verb, JsonObject data)
    {
        var activity = Activity("invoke", serviceUrl, from, Channel(conversationId), text: null);
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = cardActivityId;
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        activity["channelData"] = TeamChannelData(conversationId.Split(';')[0]);
        return activity;
    }

    private static JsonObject Activity(string type, Uri serviceUrl, Member from, JsonObject conversation, string? text)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl.ToString(),
            ["from"] = new JsonObject { ["id"] = from.Id, ["name"] = from.Name, ["aadObjectId"] = from.AadObjectId },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "Desk" },
            ["conversation"] = conversation,
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
            ["locale"] = "en-US",
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        return activity;
    }

    private static JsonObject Personal(string conversationId) => new()
    {
        ["id"] = conversationId,
        ["conversationType"] = "personal",
        ["tenantId"] = TenantId,
    };

    private static JsonObject Channel(string conversationId) => new()
    {
        ["id"] = conversationId,
        ["conversationType"] = "channel",
        ["isGroup"] = true,
        ["tenantId"] = TenantId,
    };

    private static JsonObject TeamChannelData(string channelId) => new()
    {
        ["teamsChannelId"] = channelId,
        ["teamsTeamId"] = TeamId,
        ["channel"] = new JsonObject { ["id"] = channelId },
        ["team"] = new JsonObject { ["id"] = TeamId },
        ["tenant"] = new JsonObject { ["id"] = TenantId },
    };
}
