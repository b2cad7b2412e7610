using Bot.Dialogs.Engine;

namespace Bot.Dialogs.Flows;

/// <summary>The main menu: a problem, my tickets, or a person.</summary>
public sealed class MenuFlow : Flow
{
    public const string FlowId = "menu";

    public override string Id => FlowId;

    public override Task BeginAsync(DialogEngine engine, DialogContext dc, DialogFrame frame) =>
        engine.AskAsync(dc, frame, "choose", PromptKind.Choice);

    public override Reply Question(DialogContext dc, DialogFrame frame) => new(dc.Say.MenuText,
    [
        new("problem", dc.Say.MenuProblem),
        new("tickets", dc.Say.MenuTickets),
        new("person", dc.Say.MenuPerson),
    ]);

    public override async Task ContinueAsync(DialogEngine engine, DialogContext dc, DialogFrame frame, Answer answer)
    {
        switch (answer.Choice)
        {
            case "problem":
                await engine.ReplaceAsync(dc, frame, TriageFlow.FlowId);
                break;
            case "tickets":
                await dc.SendAsync(await engine.StatusAsync(dc));
                await engine.EndAsync(dc, frame, FlowResult.Done);
                break;
            default:
                dc.State.Stack.Remove(frame);
                await engine.HandOffAsync(dc, topic: null, problem: null);
                break;
        }
    }
}
