namespace Bot.Dialogs.Knowledge;

/// <summary>
/// One kind of problem people bring (kb-topics.md): every article and ticket carries exactly one. The description is
/// kb-topics.md's "what people mean".
/// </summary>
public sealed record Topic(string Id, string Category, string English, string Spanish, string Description)
{
    public string Name(string language) => language == Languages.Spanish ? Spanish : English;
}

/// <summary>The topics of kb-topics.md; search results, deflection counts, ticket categories and reports line up on them.</summary>
public static class Topics
{
    public const string Other = "other";

    public static IReadOnlyList<Topic> All { get; } =
    [
        new("power", "hardware", "device won't turn on or charge", "el equipo no prende o no carga", "device won't turn on, won't charge, battery drains fast"),
        new("screen", "hardware", "screen problem", "problema de pantalla", "cracked, black, flickering or dim screen"),
        new("keyboard_trackpad", "hardware", "keyboard or touchpad", "teclado o panel táctil", "keys or touchpad not working"),
        new("wifi", "network", "Wi-Fi or internet at home", "Wi-Fi o internet en casa", "can't connect to home Wi-Fi, keeps dropping, no internet"),
        new("hotspot", "network", "the district's hotspot", "el hotspot del distrito", "the district's loaned hotspot: not working, data limit, won't connect"),
        new("login_password", "account", "password or sign-in", "contraseña o inicio de sesión", "forgot password, can't sign in, account locked"),
        new("mfa", "account", "two-step verification codes", "códigos de verificación en dos pasos", "two-step verification or authenticator codes"),
        new("video_meeting", "software", "joining a video class", "entrar a una clase por video", "can't join class; camera, mic or sound inside Zoom / Meet / Teams"),
        new("lms", "software", "Google Classroom, Canvas or Schoology", "Google Classroom, Canvas o Schoology", "Google Classroom / Canvas / Schoology won't load, can't submit"),
        new("slow", "software", "slow, freezing or crashing", "lento, se congela o se cierra", "very slow, freezing, crashing"),
        new("update", "software", "updates", "actualizaciones", "stuck updating, update errors"),
        new("printing", "software", "printing at home", "imprimir en casa", "can't print at home"),
        new("audio", "hardware", "sound or headphones", "sonido o audífonos", "no sound, headphones not working"),
        new("camera", "hardware", "camera", "cámara", "webcam not working outside meetings"),
        new("storage", "software", "storage space or saving files", "espacio o guardar archivos", "out of space, can't save or download"),
        new("browser", "software", "blocked or broken websites", "páginas bloqueadas o que no cargan", "site blocked by the filter, page won't load, extensions"),
        new("app_install", "software", "installing an app", "instalar una aplicación", "can't install an app, app not allowed"),
        new("damage_repair", "hardware", "damage or repair", "daño o reparación", "dropped, spilled, broken; repair or replacement, cost"),
        new("lost_stolen", "hardware", "lost or stolen device", "equipo perdido o robado", "lost or stolen device"),
        new("return_pickup", "user-training", "picking up or returning a device", "recoger o devolver un equipo", "picking up, returning or swapping a loaned device"),
        new("accessibility", "user-training", "accessibility tools", "herramientas de accesibilidad", "screen reader, magnifier / zoom, captions"),
        new("bluetooth", "user-error", "Bluetooth mouse or headset", "mouse o audífonos Bluetooth", "pairing a mouse or headset"),
        new("charger", "hardware", "charger", "cargador", "lost or broken charger, need a replacement"),
        new(Other, "other", "something else", "otra cosa", "anything else; the bot escalates rather than guessing"),
    ];

    private static readonly Dictionary<string, Topic> ById = All.ToDictionary(topic => topic.Id, StringComparer.Ordinal);

    public static bool TryGet(string id, out Topic topic) => ById.TryGetValue(id, out topic!);

    public static Topic Get(string id) => ById.TryGetValue(id, out var topic) ? topic : ById[Other];
}
