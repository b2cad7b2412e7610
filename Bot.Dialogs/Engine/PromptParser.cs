using System.Text.RegularExpressions;
using Bot.Data.Knowledge;

namespace Bot.Dialogs.Engine;

/// <summary>
/// Reads a typed answer the way people type on phones: "1", "one", "uno", the option's words, "yes"/"sí"/"no",
/// a rating from 1 to 5, a ZIP code, an asset tag; "skip" where a question can be skipped. Null when it is no answer.
/// </summary>
public static partial class PromptParser
{
    private static readonly string[][] NumberWords =
    [
        ["1", "one", "uno", "first", "primero", "primera"],
        ["2", "two", "dos", "second", "segundo", "segunda"],
        ["3", "three", "tres", "third", "tercero", "tercera"],
        ["4", "four", "cuatro", "fourth", "cuarto"],
        ["5", "five", "cinco", "fifth", "quinto"],
        ["6", "six", "seis"],
    ];

    private static readonly HashSet<string> YesWords =
        ["yes", "y", "yeah", "yep", "yup", "ya", "sure", "ok", "okay", "k", "correct", "right", "si", "claro", "correcto", "dale", "fixed", "it worked", "worked", "funciono", "ya funciona", "resuelto"];

    private static readonly HashSet<string> NoWords =
        ["no", "n", "nope", "nah", "not", "not yet", "still no", "still not", "no funciona", "todavia no", "aun no", "sigue igual", "incorrect", "wrong"];

    private static readonly HashSet<string> SkipWords =
        ["skip", "pass", "none", "dont know", "don t know", "idk", "not sure", "n a", "na", "saltar", "omitir", "no se", "no lo se", "ninguno", "no tengo"];

    public static Answer? Parse(PendingPrompt prompt, string text)
    {
        if (prompt.Kind == PromptKind.Rating && Stars(text) is { } stars)
        {
            return new Answer(text, Number: stars);
        }

        var folded = Normalize(text);
        if (folded.Length == 0)
        {
            return null;
        }

        return prompt.Kind switch
        {
            PromptKind.Text => new Answer(text.Trim()),
            PromptKind.Choice => ParseChoice(prompt.Choices, text, folded),
            PromptKind.YesNo => ParseYesNo(text, folded) ?? (ParseChoice(prompt.Choices, text, folded) is { } picked ? new Answer(text, Yes: picked.Choice == "yes") : null),
            PromptKind.Rating => ParseRating(text, folded),
            PromptKind.Zip => IsSkip(folded) ? new Answer(text, Skipped: true) : Zip().Match(folded) is { Success: true } zip ? new Answer(zip.Value) : null,
            PromptKind.AssetTag => IsSkip(folded) ? new Answer(text, Skipped: true) : AssetTag().IsMatch(text.Trim()) ? new Answer(text.Trim().ToUpperInvariant()) : null,
            _ => null,
        };
    }

    public static bool IsSkip(string folded) => SkipWords.Contains(folded);

    /// <summary>Lower case, accents folded, punctuation and extra spaces gone: "¡Sí!" becomes "si".</summary>
    public static string Normalize(string text) =>
        string.Join(' ', SearchText.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static Answer? ParseChoice(List<ReplyChoice> choices, string text, string folded)
    {
        for (var i = 0; i < choices.Count && i < NumberWords.Length; i++)
        {
            if (NumberWords[i].Contains(folded))
            {
                return new Answer(text, Choice: choices[i].Value);
            }
        }

        var exact = choices.FirstOrDefault(choice => Words(choice).Contains(folded));
        if (exact is not null)
        {
            return new Answer(text, Choice: exact.Value);
        }

        // Words that point at one option more than at any other ("the windows one", "chromebook").
        var typed = folded.Split(' ').Where(word => word.Length > 3).ToHashSet(StringComparer.Ordinal);
        var scores = choices
            .Select(choice => (choice, score: Words(choice).SelectMany(words => words.Split(' ')).Distinct().Count(typed.Contains)))
            .OrderByDescending(pair => pair.score)
            .ToList();
        return scores.Count > 0 && scores[0].score > 0 && (scores.Count == 1 || scores[1].score < scores[0].score)
            ? new Answer(text, Choice: scores[0].choice.Value)
            : null;
    }

    private static Answer? ParseYesNo(string text, string folded)
    {
        var words = folded.Split(' ');
        if (NoWords.Contains(folded) || NoWords.Contains(words[0]) || words.Contains("not"))
        {
            return new Answer(text, Yes: false);
        }

        if (YesWords.Contains(folded) || YesWords.Contains(words[0]))
        {
            return new Answer(text, Yes: true);
        }

        return null;
    }

    private static Answer? ParseRating(string text, string folded)
    {
        for (var i = 0; i < 5; i++)
        {
            if (NumberWords[i].Contains(folded) || folded == $"{i + 1} stars" || folded == $"{i + 1} estrellas")
            {
                return new Answer(text, Number: i + 1);
            }
        }

        return null;
    }

    /// <summary>"⭐⭐⭐" or "***" as a rating.</summary>
    private static int? Stars(string text)
    {
        var trimmed = text.Replace("\uFE0F", string.Empty, StringComparison.Ordinal).Trim();
        var stars = trimmed.Split('⭐').Length - 1 + trimmed.Count(c => c == '*');
        var onlyStars = trimmed.Replace("⭐", string.Empty, StringComparison.Ordinal).All(c => c == '*' || char.IsWhiteSpace(c));
        return onlyStars && stars is >= 1 and <= 5 ? stars : null;
    }

    private static IEnumerable<string> Words(ReplyChoice choice) =>
        (choice.Synonyms ?? []).Append(choice.Label).Append(choice.Value).Select(Normalize);

    [GeneratedRegex(@"^\d{5}$")]
    private static partial Regex Zip();

    /// <summary>District asset tags: letters, digits and hyphens, 4 to 20 long, with at least one digit.</summary>
    [GeneratedRegex(@"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9-]{2,18}[A-Za-z0-9]$")]
    private static partial Regex AssetTag();
}
