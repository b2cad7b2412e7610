using Bot.Channels.BotConnector;
using Bot.Data.WebChat;
using Bot.Dialogs;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace Bot.Channels.WebChat;

/// <summary>
/// The adapter behind our Direct Line: runs the bot on an activity the page posted, and appends what the bot says
/// to the conversation's activities, where the page reads them by watermark.
/// </summary>
public sealed class DirectLineAdapter : BotAdapter
{
    public const string Channel = "webchat";

    public static readonly ChannelAccount BotAccount = new("desk-bot", "Help desk", RoleTypes.Bot);

    private static readonly JsonSerializerSettings Json = new() { NullValueHandling = NullValueHandling.Ignore };

    private readonly DirectLineStore store;
    private readonly TimeProvider time;

    public DirectLineAdapter(DirectLineStore store, TimeProvider time, IServiceProvider services, ILogger<DirectLineAdapter> logger)
    {
        this.store = store;
        this.time = time;
        this.UseDeskMiddleware(services);
        OnTurnError = TurnErrors.Handler(logger);
    }

    /// <summary>Stores an activity in its conversation (its id is assigned here) and returns that id.</summary>
    public async Task<string> AppendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation.Id;
        var id = await store.AppendAsync(conversationId, sequence => Render(activity, sequence, time.GetUtcNow()), cancellationToken);
        return ActivityId(conversationId, id);
    }

    /// <summary>
    /// Stores an activity the page posted, once per <paramref name="clientActivityId"/>: a retry of one already stored
    /// gets the first one back (as stored) and adds nothing.
    /// </summary>
    public async Task<(Activity Activity, bool IsNew)> AppendOnceAsync(Activity activity, string? clientActivityId, CancellationToken cancellationToken)
    {
        var appended = await store.AppendOnceAsync(activity.Conversation.Id, clientActivityId, sequence => Render(activity, sequence, time.GetUtcNow()), cancellationToken);
        return appended.IsNew ? (activity, true) : (JsonConvert.DeserializeObject<Activity>(appended.Json)!, false);
    }

    /// <summary>A message from the desk (a technician, or the desk itself) into a Direct Line conversation.</summary>
    public static Activity DeskMessage(string conversationId, string text) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        From = BotAccount,
        Conversation = new ConversationAccount(id: conversationId),
        ChannelId = Channel,
    };

    /// <summary>The activity as the page receives it, with the id its sequence number gives it.</summary>
    public static string Render(Activity activity, long sequence, DateTimeOffset at)
    {
        activity.Id = ActivityId(activity.Conversation.Id, sequence);
        activity.Timestamp ??= at;
        return JsonConvert.SerializeObject(activity, Json);
    }

    public async Task ProcessAsync(Activity activity, IBot bot, CancellationToken cancellationToken)
    {
        using var context = new TurnContext(this, activity);
        await RunPipelineAsync(context, bot.OnTurnAsync, cancellationToken);
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        var responses = new List<ResourceResponse>(activities.Length);
        foreach (var activity in activities)
        {
            activity.From = BotAccount;
            activity.Recipient = turnContext.Activity.From;
            activity.Conversation = turnContext.Activity.Conversation;
            activity.ChannelId = Channel;
            activity.ReplyToId ??= turnContext.Activity.Id;
            activity.Timestamp = null;
            responses.Add(new ResourceResponse(await AppendAsync(activity, cancellationToken)));
        }

        return [.. responses];
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Web chat messages are not edited after they are sent.");

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Web chat messages are not deleted after they are sent.");

    private static string ActivityId(string conversationId, long sequence) => $"{conversationId}|{sequence:D7}";
}
