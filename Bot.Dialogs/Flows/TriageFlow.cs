using Bot.Dialogs.Engine;
using Bot.Dialogs.Knowledge;

namespace Bot.Dialogs.Flows;

/// <summary>
/// "What's going on?": searches the knowledge base for the person's words, offers the best fixes plus "something
/// else", lets them describe it once more, and offers a technician when nothing fits.
/// </summary>
public sealed class TriageFlow(KnowledgeBase knowledge) : Flow
{
    public const string FlowId = "triage";
    public const string Problem = "problem";

    /// <summary>How many fixes are offered at once: short enough for a text message.</summary>
    public const int Offered = 3;

    private const string Slugs = "slugs";
    private const string Retried = "retried";
    private const string Describe = "describe";
    private const string Pick = "pick";
    private const string Human = "human";
    private const string Other = "other";

    public override string Id => FlowId;

    public override Task BeginAsync(DialogEngine engine, DialogContext dc, DialogFrame frame) =>
        frame.Get(Problem) is { Length: > 0 } ? SearchAsync(engine, dc, frame) : engine.AskAsync(dc, frame, Describe, PromptKind.Text);

    public override Reply Question(DialogContext dc, DialogFrame frame) => frame.Step switch
    {
        Describe => Reply.Say(frame.Get(Retried) is null ? dc.Say.AskProblem : dc.Say.DescribeAgain),
        Pick => new Reply(
            dc.Say.OfferArticles,
            [.. Offers(dc, frame).Select(article => new ReplyChoice(article.Slug, article.Title)), new ReplyChoice(Other, dc.Say.SomethingElse)]),
        _ => YesNo(dc, dc.Say.NoMatchOfferHuman),
    };

    public override async Task ContinueAsync(DialogEngine engine, DialogContext dc, DialogFrame frame, Answer answer)
    {
        switch (frame.Step)
        {
            case Describe:
                frame.Values[Problem] = frame.Get(Retried) is null ? answer.Text : $"{frame.Get(Problem)} / {answer.Text}";
                await SearchAsync(engine, dc, frame, answer.Text);
                break;
            case Pick when answer.Choice == Other:
                if (frame.Get(Retried) is null)
                {
                    frame.Values[Retried] = "1";
                    await engine.AskAsync(dc, frame, Describe, PromptKind.Text);
                }
                else
                {
                    await engine.AskAsync(dc, frame, Human, PromptKind.YesNo);
                }

                break;
            case Pick:
                var article = knowledge.Find(answer.Choice!, dc.Language) ?? knowledge.Find(answer.Choice!, Languages.English)!;
                await engine.BeginAsync(dc, TroubleshootFlow.FlowId, new Dictionary<string, string?>
                {
                    [TroubleshootFlow.Slug] = article.Slug,
                    [Problem] = frame.Get(Problem),
                });
                break;
            case Human when answer.Yes == true:
                await engine.ReplaceAsync(dc, frame, EscalateFlow.FlowId, new Dictionary<string, string?> { [EscalateFlow.Summary] = frame.Get(Problem) });
                break;
            default:
                await dc.SendAsync(dc.Say.NoHumanThen);
                await engine.EndAsync(dc, frame, FlowResult.Done);
                break;
        }
    }

    private async Task SearchAsync(DialogEngine engine, DialogContext dc, DialogFrame frame, string? query = null)
    {
        await dc.TypingAsync();
        var result = await knowledge.SearchAsync(query ?? frame.Get(Problem)!, dc.Language, Offered, dc.CancellationToken);
        if (!result.Matched)
        {
            await engine.AskAsync(dc, frame, Human, PromptKind.YesNo);
            return;
        }

        frame.Values[Slugs] = string.Join(',', result.Results.Select(r => r.Article.Slug));
        await engine.AskAsync(dc, frame, Pick, PromptKind.Choice);
    }

    private IEnumerable<Article> Offers(DialogContext dc, DialogFrame frame) =>
        (frame.Get(Slugs) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(slug => knowledge.Find(slug, dc.Language))
            .OfType<Article>();

    internal static Reply YesNo(DialogContext dc, string text) =>
        new(text, [new("yes", dc.Say.Yes, ["y", "yes", "si", "sí"]), new("no", dc.Say.No, ["n", "no"])]);
}
