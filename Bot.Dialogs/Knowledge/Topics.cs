namespace Bot.Dialogs.Knowledge;

/// <summary>One kind of problem people bring (kb-topics.md): every article and ticket carries exactly one.</summary>
public sealed record Topic(string Id, string Category, string English, string Spanish)
{
    public string Name(string language) => language == Languages.Spanish ? Spanish : English;
}

/// <summary>The topics of kb-topics.md; search results, deflection counts, ticket categories and reports line up on them.</summary>
public static class Topics
{
    public const string Other = "other";

    public static IReadOnlyList<Topic> All { get; } =
    [
        new("power", "hardware", "device won't turn on or charge", "el equipo no prende o no carga"),
        new("screen", "hardware", "screen problem", "problema de pantalla"),
        new("keyboard_trackpad", "hardware", "keyboard or touchpad", "teclado o panel táctil"),
        new("wifi", "network", "Wi-Fi or internet at home", "Wi-Fi o internet en casa"),
        new("hotspot", "network", "the district's hotspot", "el hotspot del distrito"),
        new("login_password", "account", "password or sign-in", "contraseña o inicio de sesión"),
        new("mfa", "account", "two-step verification codes", "códigos de verificación en dos pasos"),
        new("video_meeting", "software", "joining a video class", "entrar a una clase por video"),
        new("lms", "software", "Google Classroom, Canvas or Schoology", "Google Classroom, Canvas o Schoology"),
        new("slow", "software", "slow, freezing or crashing", "lento, se congela o se cierra"),
        new("update", "software", "updates", "actualizaciones"),
        new("printing", "software", "printing at home", "imprimir en casa"),
        new("audio", "hardware", "sound or headphones", "sonido o audífonos"),
        new("camera", "hardware", "camera", "cámara"),
        new("storage", "software", "storage space or saving files", "espacio o guardar archivos"),
        new("browser", "software", "blocked or broken websites", "páginas bloqueadas o que no cargan"),
        new("app_install", "software", "installing an app", "instalar una aplicación"),
        new("damage_repair", "hardware", "damage or repair", "daño o reparación"),
        new("lost_stolen", "hardware", "lost or stolen device", "equipo perdido o robado"),
        new("return_pickup", "user-training", "picking up or returning a device", "recoger o devolver un equipo"),
        new("accessibility", "user-training", "accessibility tools", "herramientas de accesibilidad"),
        new("bluetooth", "user-error", "Bluetooth mouse or headset", "mouse o audífonos Bluetooth"),
        new("charger", "hardware", "charger", "cargador"),
        new(Other, "other", "something else", "otra cosa"),
    ];

    private static readonly Dictionary<string, Topic> ById = All.ToDictionary(topic => topic.Id, StringComparer.Ordinal);

    public static bool TryGet(string id, out Topic topic) => ById.TryGetValue(id, out topic!);

    public static Topic Get(string id) => ById.TryGetValue(id, out var topic) ? topic : ById[Other];
}
