using Bot.Dialogs.Knowledge;

namespace Bot.Channels.WebChat;

/// <summary>What the page itself says, in each language it is served in; Web Chat's own words follow <see cref="WebChatLocale"/>.</summary>
public sealed record WebChatPageTexts
{
    public static readonly WebChatPageTexts English = new()
    {
        Language = Languages.English,
        WebChatLocale = "en-US",
        Path = "/en",
        Tagline = "Device help desk",
        Intro = "Chat with us about a school laptop, Chromebook or hotspot. We'll walk you through a fix, or get a technician on it.",
        ChatLabel = "Chat with the help desk",
        Loading = "Starting the chat…",
        Failed = "The chat could not start. Please try again in a moment, or call the help line.",
        NoScript = "The chat needs JavaScript turned on. You can also call the help line.",
        SkipToChat = "Skip to the chat",
        LanguageLabel = "Language",
        HelpLine = "Help line",
        Hours = "Hours",
        LanguageName = "English",
    };

    public static readonly WebChatPageTexts Spanish = new()
    {
        Language = Languages.Spanish,
        WebChatLocale = "es-US",
        Path = "/es",
        Tagline = "Mesa de ayuda de equipos",
        Intro = "Escríbanos sobre una laptop, Chromebook o hotspot de la escuela. Le guiaremos paso a paso, o le pediremos ayuda a un técnico.",
        ChatLabel = "Chat con la mesa de ayuda",
        Loading = "Iniciando el chat…",
        Failed = "No se pudo iniciar el chat. Inténtelo de nuevo en un momento, o llame a la línea de ayuda.",
        NoScript = "El chat necesita JavaScript. También puede llamar a la línea de ayuda.",
        SkipToChat = "Ir al chat",
        LanguageLabel = "Idioma",
        HelpLine = "Línea de ayuda",
        Hours = "Horario",
        LanguageName = "Español",
    };

    public required string Language { get; init; }

    /// <summary>The locale Web Chat is given: its own labels (the send box, "Send") and the messages' locale.</summary>
    public required string WebChatLocale { get; init; }

    /// <summary>Where this language is chosen explicitly, whatever the browser asks for.</summary>
    public required string Path { get; init; }

    public required string Tagline { get; init; }

    public required string Intro { get; init; }

    public required string ChatLabel { get; init; }

    public required string Loading { get; init; }

    public required string Failed { get; init; }

    public required string NoScript { get; init; }

    public required string SkipToChat { get; init; }

    public required string LanguageLabel { get; init; }

    public required string HelpLine { get; init; }

    public required string Hours { get; init; }

    /// <summary>The language's name in itself, for the switch on the other language's page.</summary>
    public required string LanguageName { get; init; }

    /// <summary>The page a switch link offers from this one.</summary>
    public WebChatPageTexts Other => Language == Languages.Spanish ? English : Spanish;

    public static WebChatPageTexts For(string language) => language == Languages.Spanish ? Spanish : English;
}
