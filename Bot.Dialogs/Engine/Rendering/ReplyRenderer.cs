using Microsoft.Bot.Schema;

namespace Bot.Dialogs.Engine.Rendering;

/// <summary>Turns a channel-neutral <see cref="Reply"/> into the activities one kind of channel shows best.</summary>
public abstract class ReplyRenderer
{
    public abstract IReadOnlyList<Activity> Render(Reply reply, Texts texts);

    /// <summary>
    /// The renderer for a Bot Framework channel id: numbered lines for SMS, a card with buttons in Teams, suggested
    /// actions elsewhere (Web Chat, Direct Line, the Emulator). Channel folders may refine these.
    /// </summary>
    public static ReplyRenderer ForChannel(string channelId) => channelId switch
    {
        "sms" => PlainTextRenderer.Instance,
        "msteams" => CardRenderer.Instance,
        _ => SuggestedActionsRenderer.Instance,
    };

    /// <summary>Channels whose clients show a typing indicator (Web Chat, Teams); SMS has none, and tests want replies only.</summary>
    public static bool ShowsTyping(string channelId) => channelId is "webchat" or "directline" or "msteams";
}
