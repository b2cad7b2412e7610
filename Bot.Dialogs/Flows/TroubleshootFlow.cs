using System.Globalization;
using Bot.Data.Tickets;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Engine.Rendering;
using Bot.Dialogs.Knowledge;

namespace Bot.Dialogs.Flows;

/// <summary>
/// Walks an article one step at a time: "Did that fix it?" with next (or skip) and back. Fixed: the self-service
/// resolution is recorded and the person rates the help. Not fixed after the last step: a ticket.
/// </summary>
public sealed class TroubleshootFlow(KnowledgeBase knowledge, SelfServiceStore selfService) : Flow
{
    public const string FlowId = "troubleshoot";
    public const string Slug = "slug";

    private const string Index = "step";
    private const string Fixed = "fixed";
    private const string Next = "next";
    private const string Back = "back";

    public override string Id => FlowId;

    public override Task BeginAsync(DialogEngine engine, DialogContext dc, DialogFrame frame)
    {
        frame.Values[Index] = "0";
        return engine.AskAsync(dc, frame, "step", PromptKind.Choice);
    }

    public override Reply Question(DialogContext dc, DialogFrame frame)
    {
        var article = Article(dc, frame);
        var index = StepIndex(frame);
        var last = index == article.Steps.Count - 1;
        var heading = index == 0 ? $"{article.Title}\n" : string.Empty;
        var text = $"{heading}{dc.Say.StepOf(index + 1, article.Steps.Count)} {article.Steps[index]}\n{dc.Say.DidThatFixIt}";
        List<ReplyChoice> choices =
        [
            new(Fixed, dc.Say.FixedIt, ["yes", "si", "fixed", "it worked", "worked", "arreglado", "funciono", "ya funciona"]),
            new(Next, last ? dc.Say.StillNotFixed : dc.Say.NextStep, ["no", "next", "skip", "siguiente", "saltar", "no funciono", "didnt work", "still not working"]),
        ];
        if (index > 0)
        {
            choices.Add(new(Back, dc.Say.Back, ["back", "previous", "atras", "anterior"]));
        }

        return new Reply(text, choices, index == 0 ? ArticleCards.Card(article) : null);
    }

    public override async Task ContinueAsync(DialogEngine engine, DialogContext dc, DialogFrame frame, Answer answer)
    {
        var article = Article(dc, frame);
        var index = StepIndex(frame);
        switch (answer.Choice)
        {
            case Fixed:
                var resolution = await selfService.RecordAsync(dc.Requester.ConversationId, article.Slug, article.Language, article.Topic, dc.CancellationToken);
                await dc.SendAsync(dc.Say.GladFixed);
                await engine.ReplaceAsync(dc, frame, SurveyFlow.FlowId, new Dictionary<string, string?>
                {
                    [SurveyFlow.Resolution] = resolution.ToString(CultureInfo.InvariantCulture),
                });
                break;
            case Back:
                frame.Values[Index] = Math.Max(0, index - 1).ToString(CultureInfo.InvariantCulture);
                await engine.AskAsync(dc, frame, "step", PromptKind.Choice);
                break;
            case Next when index + 1 < article.Steps.Count:
                frame.Values[Index] = (index + 1).ToString(CultureInfo.InvariantCulture);
                await engine.AskAsync(dc, frame, "step", PromptKind.Choice);
                break;
            default:
                await dc.SendAsync(dc.Say.SorryNotFixed);
                dc.State.Stack.Clear();
                await engine.BeginAsync(dc, EscalateFlow.FlowId, new Dictionary<string, string?>
                {
                    [EscalateFlow.Topic] = article.Topic,
                    [EscalateFlow.Article] = article.Slug,
                    [EscalateFlow.Summary] = frame.Get(TriageFlow.Problem) ?? article.Title,
                });
                break;
        }
    }

    /// <summary>The article in the person's current language (they may have switched mid-way), else as started.</summary>
    private Article Article(DialogContext dc, DialogFrame frame) =>
        knowledge.Find(frame.Get(Slug)!, dc.Language)
        ?? knowledge.Articles.FirstOrDefault(a => a.Slug == frame.Get(Slug))
        ?? throw new InvalidOperationException("The article being walked is no longer in the knowledge base.");

    private static int StepIndex(DialogFrame frame) => int.Parse(frame.Get(Index)!, CultureInfo.InvariantCulture);
}
