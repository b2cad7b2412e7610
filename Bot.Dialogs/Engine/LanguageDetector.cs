using Bot.Dialogs.Knowledge;

namespace Bot.Dialogs.Engine;

/// <summary>English or Spanish from a short message: Spanish-only marks and common words against English ones.</summary>
public static class LanguageDetector
{
    private static readonly HashSet<string> SpanishWords =
    [
        "el", "la", "los", "las", "mi", "mis", "que", "de", "del", "es", "esta", "estoy", "tengo", "puedo", "puede", "hola",
        "gracias", "ayuda", "por", "favor", "computadora", "compu", "pantalla", "prende", "enciende", "funciona", "sirve",
        "cargador", "carga", "contrasena", "hijo", "hija", "escuela", "clase", "cuando", "porque", "como", "se", "nada",
        "quiero", "necesito", "tiene", "no", "si", "muy", "lenta", "rota", "perdi", "robaron", "bateria", "teclado",
        "internet", "wifi", "buenas", "buenos", "dias", "tardes", "senal", "codigo", "para", "con", "una", "un", "le",
    ];

    private static readonly HashSet<string> EnglishWords =
    [
        "the", "my", "is", "it", "i", "im", "can", "cant", "wont", "doesnt", "dont", "not", "and", "to", "of", "on", "with",
        "hi", "hello", "help", "please", "thanks", "laptop", "computer", "screen", "charge", "charger", "password", "school",
        "working", "work", "turn", "keeps", "wifi", "internet", "broken", "lost", "slow", "son", "daughter", "kid", "what",
    ];

    public static string Detect(string text)
    {
        if (text.Any(c => c is 'ñ' or 'Ñ' or '¿' or '¡' or 'á' or 'é' or 'í' or 'ó' or 'ú'))
        {
            return Languages.Spanish;
        }

        var words = PromptParser.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var spanish = words.Count(SpanishWords.Contains);
        var english = words.Count(EnglishWords.Contains);
        return spanish > english ? Languages.Spanish : Languages.English;
    }
}
