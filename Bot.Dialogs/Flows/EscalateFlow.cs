using Bot.Data.Devices;
using Bot.Data.Tickets;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Knowledge;

namespace Bot.Dialogs.Flows;

/// <summary>
/// Turns a problem the bot could not fix into a ticket: confirms the kind of problem, asks when it started, where the
/// device is (and the ZIP code), and which device it is: the one the person was lent, confirmed (or chosen, when
/// they have more than one), else its asset tag. Then it opens the ticket, linked to the person and the device, and
/// says when to expect an answer. Any question can be skipped: a person who cannot answer still gets a ticket.
/// </summary>
public sealed class EscalateFlow(TicketStore tickets, DeviceStore devices) : Flow
{
    public const string FlowId = "escalate";
    public const string Topic = "topic";
    public const string Article = "article";
    public const string Summary = "summary";

    private const string Category = "category";
    private const string Started = "started";
    private const string Where = "where";
    private const string Zip = "zip";
    private const string Asset = "asset";
    private const string Confirm = "confirm";
    private const string ConfirmDevice = "confirm-device";
    private const string ChooseDevice = "choose-device";
    private const string Lent = "lent";
    private const string Another = "another";
    private const char Field = '\u001f';

    private static readonly string[] Categories = ["hardware", "network", "software", "account", "other"];

    public override string Id => FlowId;

    public override Task BeginAsync(DialogEngine engine, DialogContext dc, DialogFrame frame) =>
        frame.Get(Topic) is { } topic && topic != Topics.Other
            ? engine.AskAsync(dc, frame, Confirm, PromptKind.YesNo)
            : engine.AskAsync(dc, frame, Category, PromptKind.Choice);

    public override Reply Question(DialogContext dc, DialogFrame frame) => frame.Step switch
    {
        Confirm => TriageFlow.YesNo(dc, dc.Say.ConfirmTopic(Topics.Get(frame.Get(Topic)!).Name(dc.Language))),
        Category => new(dc.Say.ChooseCategory, [.. Categories.Select(c => new ReplyChoice(c, dc.Say.CategoryName(c)))]),
        Started => Reply.Say(dc.Say.AskStarted),
        Where => new(dc.Say.AskWhere, [new("home", dc.Say.Home, ["casa"]), new("school", dc.Say.School, ["escuela"]), new("other", dc.Say.OtherPlace, ["otro"])]),
        Zip => Reply.Say(dc.Say.AskZip),
        ConfirmDevice => TriageFlow.YesNo(dc, dc.Say.ConfirmDevice(LentDevices(frame)[0].Model, LentDevices(frame)[0].Tag)),
        ChooseDevice => new(dc.Say.ChooseDevice, [.. LentDevices(frame).Select(d => new ReplyChoice(d.Tag, $"{d.Model} ({d.Tag})")), new ReplyChoice(Another, dc.Say.AnotherDevice)]),
        _ => Reply.Say(dc.Say.AskAssetTag),
    };

    public override async Task ContinueAsync(DialogEngine engine, DialogContext dc, DialogFrame frame, Answer answer)
    {
        switch (frame.Step)
        {
            case Confirm when answer.Yes == true:
                frame.Values[Category] = Topics.Get(frame.Get(Topic)!).Category;
                await engine.AskAsync(dc, frame, Started, PromptKind.Text);
                break;
            case Confirm:
                await engine.AskAsync(dc, frame, Category, PromptKind.Choice);
                break;
            case Category:
                var category = answer.Skipped ? "other" : answer.Choice!;
                frame.Values[Category] = category;
                if (Topics.Get(frame.Get(Topic) ?? Topics.Other).Category != category)
                {
                    frame.Values[Topic] = Topics.Other;
                }

                await engine.AskAsync(dc, frame, Started, PromptKind.Text);
                break;
            case Started:
                Keep(frame, Started, answer);
                await engine.AskAsync(dc, frame, Where, PromptKind.Choice);
                break;
            case Where:
                Keep(frame, Where, answer);
                if (answer.Choice == "school")
                {
                    await AskDeviceAsync(engine, dc, frame);
                }
                else
                {
                    await engine.AskAsync(dc, frame, Zip, PromptKind.Zip);
                }

                break;
            case Zip:
                Keep(frame, Zip, answer);
                await AskDeviceAsync(engine, dc, frame);
                break;
            case ConfirmDevice when answer.Yes == true:
                frame.Values[Asset] = LentDevices(frame)[0].Tag;
                await OpenTicketAsync(engine, dc, frame);
                break;
            case ConfirmDevice or ChooseDevice when answer.Skipped:
                await OpenTicketAsync(engine, dc, frame);
                break;
            case ConfirmDevice:
            case ChooseDevice when answer.Choice == Another:
                await engine.AskAsync(dc, frame, Asset, PromptKind.AssetTag);
                break;
            case ChooseDevice:
                frame.Values[Asset] = answer.Choice!;
                await OpenTicketAsync(engine, dc, frame);
                break;
            default:
                Keep(frame, Asset, answer);
                await OpenTicketAsync(engine, dc, frame);
                break;
        }
    }

    /// <summary>Three misses on a question skip it rather than lose the ticket.</summary>
    public override Task GiveUpAsync(DialogEngine engine, DialogContext dc, DialogFrame frame)
    {
        frame.Prompt = null;
        return ContinueAsync(engine, dc, frame, new Answer(dc.Text, Skipped: true));
    }

    /// <summary>Which device: the one the person was lent (confirmed), one of theirs (chosen), else its asset tag.</summary>
    private async Task AskDeviceAsync(DialogEngine engine, DialogContext dc, DialogFrame frame)
    {
        var loans = dc.State.SubjectPersonId is { } person ? await devices.ActiveLoansAsync(person, dc.CancellationToken) : [];
        if (loans.Count == 0)
        {
            await engine.AskAsync(dc, frame, Asset, PromptKind.AssetTag);
            return;
        }

        frame.Values[Lent] = string.Join('\n', loans.Select(loan => $"{loan.AssetTag}{Field}{loan.Model}"));
        await engine.AskAsync(dc, frame, loans.Count == 1 ? ConfirmDevice : ChooseDevice, loans.Count == 1 ? PromptKind.YesNo : PromptKind.Choice);
    }

    private static List<(string Tag, string Model)> LentDevices(DialogFrame frame) =>
        [.. (frame.Get(Lent) ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(Field)).Select(parts => (parts[0], parts[1]))];

    private async Task OpenTicketAsync(DialogEngine engine, DialogContext dc, DialogFrame frame)
    {
        var topic = frame.Get(Topic) ?? Topics.Other;
        var device = frame.Get(Asset) is { } tag ? await devices.FindAsync(tag, dc.CancellationToken) : null;
        var ticket = await tickets.CreateAsync(new NewTicket
        {
            ConversationId = dc.Requester.ConversationId,
            Channel = dc.Requester.Channel,
            RequesterAddress = dc.Requester.Address,
            Language = dc.Language,
            Topic = topic,
            Category = frame.Get(Category) ?? Topics.Get(topic).Category,
            Summary = Shorten(frame.Get(Summary) ?? Topics.Get(topic).English),
            ArticleSlug = frame.Get(Article),
            Started = frame.Get(Started),
            LocationKind = frame.Get(Where),
            LocationZip = frame.Get(Zip),
            DeviceAssetTag = device?.AssetTag ?? frame.Get(Asset),
            PersonId = dc.State.SubjectPersonId ?? dc.State.PersonId,
            DeviceId = device?.Id,
        }, dc.CancellationToken);
        await dc.SendAsync(dc.Say.TicketOpened(ticket.Number, engine.Due(dc, ticket.FirstResponseDueAt)));
        await dc.HandoffAsync(new HandoffRequest(ticket.Number, ticket.Category, ticket.Topic, ticket.Summary, ticket.Language));
        await engine.EndAsync(dc, frame, FlowResult.Escalated);
    }

    private static void Keep(DialogFrame frame, string key, Answer answer)
    {
        if (!answer.Skipped)
        {
            frame.Values[key] = answer.Value;
        }
    }

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500];
}
