using Bot.Data.Tickets;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Knowledge;

namespace Bot.Dialogs.Flows;

/// <summary>Someone with an open ticket writes again: add to that ticket, or start on a new problem.</summary>
public sealed class OpenTicketFlow(TicketStore tickets) : Flow
{
    public const string FlowId = "open-ticket";
    public const string Number = "number";

    private const string Add = "add";
    private const string New = "new";

    public override string Id => FlowId;

    public override Task BeginAsync(DialogEngine engine, DialogContext dc, DialogFrame frame) =>
        engine.AskAsync(dc, frame, "choose", PromptKind.Choice);

    public override Reply Question(DialogContext dc, DialogFrame frame)
    {
        var number = frame.Get(Number)!;
        return new(dc.Say.OpenTicketOffer(number, Topics.Get(frame.Get(EscalateFlow.Topic) ?? Topics.Other).Name(dc.Language)),
        [
            new(Add, dc.Say.AddToTicket(number), ["yes", "si", "same", "mismo", "add", "agregar"]),
            new(New, dc.Say.NewProblem, ["no", "new", "nuevo", "otro"]),
        ]);
    }

    public override async Task ContinueAsync(DialogEngine engine, DialogContext dc, DialogFrame frame, Answer answer)
    {
        if (answer.Choice == New)
        {
            await engine.ReplaceAsync(dc, frame, TriageFlow.FlowId, new Dictionary<string, string?> { [TriageFlow.Problem] = frame.Get(TriageFlow.Problem) });
            return;
        }

        var ticket = await tickets.FindAsync(frame.Get(Number)!, dc.CancellationToken)
            ?? throw new InvalidOperationException("The open ticket offered is gone.");
        await tickets.AttachConversationAsync(ticket.Id, dc.Requester.ConversationId, dc.CancellationToken);
        await dc.SendAsync(dc.Say.AddedToTicket(ticket.Number, engine.Due(dc, ticket.FirstResponseDueAt)));
        await engine.EndAsync(dc, frame, FlowResult.Done);
    }
}
