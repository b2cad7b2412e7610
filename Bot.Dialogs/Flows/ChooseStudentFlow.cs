using Bot.Data.Contacts;
using Bot.Dialogs.Engine;
using Microsoft.Extensions.Options;

namespace Bot.Dialogs.Flows;

/// <summary>
/// "Which student is this about?" for a number several students can be reached through (a family phone, a caregiver
/// with more than one child). Students are named only as the district allows for a sender it cannot verify (first
/// names, initials, or not at all: then the student's ID number is asked for). Then the person's problem is triaged.
/// </summary>
public sealed class ChooseStudentFlow(IOptions<PeopleOptions> options) : Flow
{
    public const string FlowId = "choose-student";
    public const string Students = "students";

    private const string Ask = "ask";
    private const string Nobody = "none";
    private const char Field = '\u001f';

    public override string Id => FlowId;

    /// <summary>The students to offer, as the frame keeps them: id, how they may be named, ID number.</summary>
    public static string Encode(IEnumerable<Person> students, StudentNaming naming)
    {
        var list = students.ToList();
        return string.Join('\n', list.Select(student => $"{student.Id}{Field}{Label(student, list, naming)}{Field}{student.Identifier}"));
    }

    public override Task BeginAsync(DialogEngine engine, DialogContext dc, DialogFrame frame) =>
        engine.AskAsync(dc, frame, Ask, options.Value.StudentNamesToUnverifiedSenders == StudentNaming.None ? PromptKind.Text : PromptKind.Choice);

    public override Reply Question(DialogContext dc, DialogFrame frame) =>
        options.Value.StudentNamesToUnverifiedSenders == StudentNaming.None
            ? Reply.Say(dc.Say.AskStudentNumber)
            : new Reply(dc.Say.WhichStudent, [.. Decode(frame).Select(s => new ReplyChoice(s.Id, s.Label)), new ReplyChoice(Nobody, dc.Say.SomeoneElse)]);

    public override async Task ContinueAsync(DialogEngine engine, DialogContext dc, DialogFrame frame, Answer answer)
    {
        var students = Decode(frame);
        var chosen = answer.Choice is { } choice
            ? students.FindIndex(s => s.Id == choice)
            : students.FindIndex(s => s.Identifier.Length > 0 && string.Equals(s.Identifier, answer.Value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (chosen >= 0)
        {
            dc.State.SubjectPersonId = long.Parse(students[chosen].Id, System.Globalization.CultureInfo.InvariantCulture);
        }

        // An ID number that matches nobody is not told apart from "someone else": the sender learns nothing.
        await engine.ReplaceAsync(dc, frame, TriageFlow.FlowId, new Dictionary<string, string?> { [TriageFlow.Problem] = frame.Get(TriageFlow.Problem) });
    }

    private static string Label(Person student, List<Person> all, StudentNaming naming) => naming switch
    {
        StudentNaming.Initials => $"{Initial(student.GivenName)}. {Initial(student.FamilyName)}.",
        _ when all.Count(other => other.GivenName == student.GivenName) > 1 => $"{student.GivenName} {Initial(student.FamilyName)}.",
        _ => student.GivenName,
    };

    private static string Initial(string name) => name.Length > 0 ? name[..1].ToUpperInvariant() : "?";

    private static List<(string Id, string Label, string Identifier)> Decode(DialogFrame frame) =>
        [.. (frame.Get(Students) ?? string.Empty)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(Field))
            .Select(parts => (parts[0], parts[1], parts.Length > 2 ? parts[2] : string.Empty))];
}
