using System.Globalization;
using Bot.Data.Tickets;
using Bot.Dialogs.Engine;

namespace Bot.Dialogs.Flows;

/// <summary>"How helpful was this, 1 to 5?" after a self-service fix; the rating goes on the resolution.</summary>
public sealed class SurveyFlow(SelfServiceStore selfService) : Flow
{
    public const string FlowId = "survey";
    public const string Resolution = "resolution";

    public override string Id => FlowId;

    public override Task BeginAsync(DialogEngine engine, DialogContext dc, DialogFrame frame) =>
        engine.AskAsync(dc, frame, "rate", PromptKind.Rating);

    public override Reply Question(DialogContext dc, DialogFrame frame) =>
        new(dc.Say.AskRating, [.. Enumerable.Range(1, 5).Select(n => new ReplyChoice(n.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture)))]);

    public override async Task ContinueAsync(DialogEngine engine, DialogContext dc, DialogFrame frame, Answer answer)
    {
        await selfService.RateAsync(long.Parse(frame.Get(Resolution)!, CultureInfo.InvariantCulture), answer.Number!.Value, dc.CancellationToken);
        await dc.SendAsync(dc.Say.ThanksForRating);
        await engine.EndAsync(dc, frame, FlowResult.Done);
    }

    /// <summary>A rating is optional: someone who does not give one is simply not asked again.</summary>
    public override Task GiveUpAsync(DialogEngine engine, DialogContext dc, DialogFrame frame) =>
        engine.EndAsync(dc, frame, FlowResult.Done);
}
