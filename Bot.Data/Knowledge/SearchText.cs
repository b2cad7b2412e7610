using System.Globalization;
using System.Text;

namespace Bot.Data.Knowledge;

/// <summary>
/// Text as both the index and the queries see it: lower case, accents folded ("está" = "esta", as people type on
/// phones), punctuation dropped.
/// </summary>
public static class SearchText
{
    private static readonly HashSet<string> StopWords =
    [
        // English
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "for", "from", "has", "have", "how", "i", "if",
        "in", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "that", "the", "this", "to", "was", "we", "what",
        "when", "with", "you", "your", "im", "pls", "please", "hi", "hello", "help", "u",
        // Spanish
        "el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "al", "y", "o", "que", "en", "es", "mi", "mis",
        "su", "sus", "por", "para", "con", "se", "lo", "le", "les", "me", "te", "no", "si", "hola", "ayuda", "favor", "como",
    ];

    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return folded.ToString();
    }

    /// <summary>The words of a query worth matching: folded, without stop words, at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<string> Terms(string text, int limit = 32) =>
        Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.Length > 1 && !StopWords.Contains(word))
            .Distinct(StringComparer.Ordinal)
            .Take(limit)
            .ToList();
}
