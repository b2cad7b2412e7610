using Bot.Data.Contacts;
using Bot.Data.Tickets;
using Bot.Dialogs.Flows;
using Bot.Dialogs.Knowledge;
using Microsoft.Extensions.Options;

namespace Bot.Dialogs.Engine;

/// <summary>
/// Runs the dialogs of a conversation: commands that work anywhere, then the answer to what the innermost dialog
/// asked (validated, asked again at most twice), else a new conversation about a new problem.
/// </summary>
public sealed class DialogEngine(
    IEnumerable<Flow> flows, TicketStore tickets, PeopleStore people, IOptions<PeopleOptions> peopleOptions, BusinessCalendar calendar, TimeProvider time)
{
    /// <summary>After this many answers that are not answers, the flow gives up (and a person is offered).</summary>
    public const int MaxMisses = 3;

    private static readonly HashSet<string> Greetings = ["hi", "hello", "hey", "hola", "buenas", "buenos dias", "buenas tardes", "good morning", "good afternoon", "yo", "start", "empezar"];
    private static readonly HashSet<string> Closings = ["thanks", "thank you", "thx", "ty", "gracias", "muchas gracias", "ok thanks", "ok gracias", "bye", "adios"];

    private readonly Dictionary<string, Flow> byId = flows.ToDictionary(flow => flow.Id, StringComparer.Ordinal);

    public BusinessCalendar Calendar => calendar;

    public TimeProvider Time => time;

    public async Task OnMessageAsync(DialogContext dc)
    {
        var students = dc.State.Identified ? [] : await IdentifyAsync(dc);
        if (dc.Files > 0 && string.IsNullOrWhiteSpace(dc.Text))
        {
            await PhotoOnlyAsync(dc);
            return;
        }

        dc.State.Language ??= LanguageDetector.Detect(dc.Text);
        if (Commands.TryParse(dc.Text, out var command))
        {
            await OnCommandAsync(dc, command);
            return;
        }

        var frame = Top(dc);
        if (frame?.Prompt is not { } prompt)
        {
            await StartAsync(dc, students);
            return;
        }

        var answer = PromptParser.Parse(prompt, dc.Text);
        if (answer is null)
        {
            if (++prompt.Misses >= MaxMisses)
            {
                await Flow(frame).GiveUpAsync(this, dc, frame);
                return;
            }

            var again = Question(dc, frame);
            await dc.SendAsync(again with { Text = $"{dc.Say.DidNotUnderstand} {again.Text}" });
            return;
        }

        frame.Prompt = null;
        await Flow(frame).ContinueAsync(this, dc, frame, answer);
    }

    /// <summary>
    /// A photo with no words: it is kept with the conversation (and any ticket), so say so, and ask again whatever
    /// was being asked. It is not a wrong answer.
    /// </summary>
    private async Task PhotoOnlyAsync(DialogContext dc)
    {
        var frame = Top(dc);
        if (frame?.Prompt is null)
        {
            await dc.SendAsync($"{dc.Say.PhotoReceived} {dc.Say.AskProblem}");
            return;
        }

        var again = Question(dc, frame);
        await dc.SendAsync(again with { Text = $"{dc.Say.PhotoReceived} {again.Text}" });
    }

    /// <summary>Greets someone who writes for the first time, without waiting for them to say anything.</summary>
    public static async Task GreetAsync(DialogContext dc)
    {
        if (!dc.State.Greeted)
        {
            dc.State.Greeted = true;
            await dc.SendAsync($"{dc.Say.Greeting} {dc.Say.AskProblem}");
        }
    }

    public async Task BeginAsync(DialogContext dc, string flowId, IReadOnlyDictionary<string, string?>? values = null)
    {
        var frame = new DialogFrame { Flow = flowId };
        foreach (var (key, value) in values ?? new Dictionary<string, string?>())
        {
            if (value is not null)
            {
                frame.Values[key] = value;
            }
        }

        dc.State.Stack.Add(frame);
        await Flow(frame).BeginAsync(this, dc, frame);
    }

    /// <summary>Ends <paramref name="frame"/> without telling its parent, and starts another flow in its place.</summary>
    public Task ReplaceAsync(DialogContext dc, DialogFrame frame, string flowId, IReadOnlyDictionary<string, string?>? values = null)
    {
        dc.State.Stack.Remove(frame);
        return BeginAsync(dc, flowId, values);
    }

    /// <summary>Asks the question of <paramref name="step"/> and waits for an answer of the given kind.</summary>
    public Task AskAsync(DialogContext dc, DialogFrame frame, string step, PromptKind kind)
    {
        frame.Step = step;
        frame.Prompt = new PendingPrompt { Kind = kind };
        return dc.SendAsync(Question(dc, frame));
    }

    public async Task EndAsync(DialogContext dc, DialogFrame frame, FlowResult result)
    {
        dc.State.Stack.Remove(frame);
        if (dc.Cleared)
        {
            return;
        }

        if (Top(dc) is { } parent)
        {
            await Flow(parent).ResumeAsync(this, dc, parent, result);
        }
        else if (result == FlowResult.GaveUp)
        {
            await dc.SendAsync(dc.Say.GiveUp);
            await BeginAsync(dc, EscalateFlow.FlowId, new Dictionary<string, string?> { [EscalateFlow.Summary] = dc.Text });
        }
    }

    /// <summary>The person's open tickets, one line each.</summary>
    public async Task<Reply> StatusAsync(DialogContext dc)
    {
        var open = await tickets.OpenForRequesterAsync(dc.Requester.Channel, dc.Requester.Address, dc.CancellationToken);
        if (open.Count == 0)
        {
            return Reply.Say(dc.Say.NoOpenTickets);
        }

        var lines = open.Select(ticket => dc.Say.TicketLine(ticket.Number, Topics.Get(ticket.Topic).Name(dc.Language), ticket.Status, Due(dc, ticket.FirstResponseDueAt)));
        return Reply.Say(string.Join('\n', lines.Prepend(dc.Say.OpenTicketsHeader)));
    }

    public string Due(DialogContext dc, DateTimeOffset due) => DueText.Describe(due, time.GetUtcNow(), calendar, dc.Language);

    /// <summary>
    /// Looks the writer's address up among the people the district imported, once per conversation: one person is
    /// greeted by first name in their language; the students the message can be about come back (a family phone or
    /// a caregiver of several children gives more than one, and the person is asked which).
    /// </summary>
    private async Task<IReadOnlyList<Person>> IdentifyAsync(DialogContext dc)
    {
        dc.State.Identified = true;
        var writers = await people.ByAddressAsync(dc.Requester.Channel, dc.Requester.Address, dc.CancellationToken);
        if (writers.Count == 1)
        {
            dc.State.PersonId = writers[0].Id;
            dc.State.FirstName = writers[0].GivenName;
        }

        if (writers.Select(writer => writer.Language).Distinct().ToList() is [{ } language])
        {
            dc.State.Language ??= language;
        }

        var students = new List<Person>();
        foreach (var writer in writers)
        {
            students.AddRange(writer.IsStudent ? [writer] : writer.IsCaregiver ? await people.StudentsOfAsync(writer.Id, dc.CancellationToken) : []);
        }

        students = [.. students.DistinctBy(student => student.Id).OrderBy(student => student.GivenName, StringComparer.CurrentCulture).ThenBy(student => student.Id)];
        dc.State.SubjectPersonId = students.Count == 1 ? students[0].Id
            : writers.Count == 1 && !writers[0].IsCaregiver && !writers[0].IsStudent ? writers[0].Id
            : null;
        return students;
    }

    private async Task StartAsync(DialogContext dc, IReadOnlyList<Person> students)
    {
        var folded = PromptParser.Normalize(dc.Text);
        if (Closings.Contains(folded) && dc.State.Greeted)
        {
            await dc.SendAsync(dc.Say.ThanksForRating);
            return;
        }

        var greeting = !dc.State.Greeted;
        dc.State.Greeted = true;
        if (greeting)
        {
            await dc.SendAsync(dc.State.FirstName is { } name ? dc.Say.GreetingFor(name) : dc.Say.Greeting);
        }

        var justHello = Greetings.Contains(folded) || folded.Length == 0;
        if (students.Count > 1 && dc.State.SubjectPersonId is null)
        {
            await BeginAsync(dc, ChooseStudentFlow.FlowId, new Dictionary<string, string?>
            {
                [ChooseStudentFlow.Students] = ChooseStudentFlow.Encode(students, peopleOptions.Value.StudentNamesToUnverifiedSenders),
                [TriageFlow.Problem] = justHello ? null : dc.Text,
            });
            return;
        }

        if (justHello)
        {
            await BeginAsync(dc, TriageFlow.FlowId);
            return;
        }

        var open = await tickets.OpenForRequesterAsync(dc.Requester.Channel, dc.Requester.Address, dc.CancellationToken);
        if (open.Count > 0)
        {
            await BeginAsync(dc, OpenTicketFlow.FlowId, new Dictionary<string, string?>
            {
                [OpenTicketFlow.Number] = open[^1].Number,
                [EscalateFlow.Topic] = open[^1].Topic,
                [TriageFlow.Problem] = dc.Text,
            });
            return;
        }

        await BeginAsync(dc, TriageFlow.FlowId, new Dictionary<string, string?> { [TriageFlow.Problem] = dc.Text });
    }

    private async Task OnCommandAsync(DialogContext dc, Command command)
    {
        // Someone who starts with a command knows the desk already: no greeting later in the conversation.
        dc.State.Greeted = true;
        switch (command)
        {
            case Command.Help:
                await dc.SendAsync(dc.Say.Help);
                await AskAgainAsync(dc);
                break;
            case Command.Status:
                await dc.SendAsync(await StatusAsync(dc));
                await AskAgainAsync(dc);
                break;
            case Command.English or Command.Spanish:
                dc.State.Language = command == Command.English ? Languages.English : Languages.Spanish;
                await dc.SendAsync(dc.Say.LanguageChanged);
                await AskAgainAsync(dc);
                break;
            case Command.Cancel:
                dc.Clear();
                await dc.SendAsync(dc.Say.Cancelled);
                break;
            case Command.Menu:
                dc.Clear();
                await BeginAsync(dc, MenuFlow.FlowId);
                break;
            case Command.Agent:
                var topic = dc.State.Stack.Select(frame => frame.Get(EscalateFlow.Topic)).LastOrDefault(t => t is not null);
                var problem = dc.State.Stack.Select(frame => frame.Get(TriageFlow.Problem)).LastOrDefault(t => t is not null);
                dc.Clear();
                await HandOffAsync(dc, topic, problem);
                break;
        }
    }

    /// <summary>
    /// A person asked for a human: an open ticket gets what they write next; otherwise a ticket is opened, asking only
    /// what a technician needs.
    /// </summary>
    public async Task HandOffAsync(DialogContext dc, string? topic, string? problem)
    {
        var open = await tickets.OpenForRequesterAsync(dc.Requester.Channel, dc.Requester.Address, dc.CancellationToken);
        if (open.Count > 0)
        {
            var ticket = open[^1];
            await tickets.AttachConversationAsync(ticket.Id, dc.Requester.ConversationId, dc.CancellationToken);
            await dc.SendAsync(dc.Say.TechnicianWillAnswer(ticket.Number, Due(dc, ticket.FirstResponseDueAt)));
            return;
        }

        await BeginAsync(dc, EscalateFlow.FlowId, new Dictionary<string, string?>
        {
            [EscalateFlow.Topic] = topic,
            [EscalateFlow.Summary] = problem ?? dc.Text,
        });
    }

    private async Task AskAgainAsync(DialogContext dc)
    {
        if (Top(dc) is { Prompt: not null } frame)
        {
            await dc.SendAsync(Question(dc, frame));
        }
    }

    /// <summary>The frame's question in the current language; the choices it offers are the ones answers are read against.</summary>
    private Reply Question(DialogContext dc, DialogFrame frame)
    {
        var question = Flow(frame).Question(dc, frame);
        // Stored in conversation state: plain lists, which Json.NET can read back.
        frame.Prompt!.Choices = question.Choices.Select(choice => choice with { Synonyms = choice.Synonyms?.ToList() }).ToList();
        return question;
    }

    private static DialogFrame? Top(DialogContext dc) => dc.State.Stack.Count == 0 ? null : dc.State.Stack[^1];

    private Flow Flow(DialogFrame frame) =>
        byId.TryGetValue(frame.Flow, out var flow) ? flow : throw new InvalidOperationException($"No flow '{frame.Flow}'.");
}
