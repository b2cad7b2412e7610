using System.Reflection;
using System.Security.Cryptography;
using Bot.Data.Tickets;
using Bot.Dialogs.Knowledge;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Bot.Channels.WebChat;

/// <summary>
/// The caregivers' page: <c>/</c> in the language the browser prefers (English unless it asks for Spanish first),
/// <c>/en</c> and <c>/es</c> when someone chooses. Its content security policy lets it load and call nothing but this app.
/// </summary>
public static class WebChatPageEndpoints
{
    /// <summary>Where the build puts Web Chat's bundle (eng/WebChatBundle.targets), by the version it pins.</summary>
    public static readonly string BundleUrl = $"/lib/botframework-webchat/{WebChatVersion()}/webchat.js";

    public static IEndpointRouteBuilder MapWebChatPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpContext http, IOptions<WebChatPageOptions> options, IOptions<CalendarOptions> calendar) =>
        {
            http.Response.Headers.Vary = HeaderNames.AcceptLanguage;
            return Page(http, Negotiate(http.Request), options.Value, calendar.Value);
        });
        endpoints.MapGet("/en", (HttpContext http, IOptions<WebChatPageOptions> options, IOptions<CalendarOptions> calendar) =>
            Page(http, Languages.English, options.Value, calendar.Value));
        endpoints.MapGet("/es", (HttpContext http, IOptions<WebChatPageOptions> options, IOptions<CalendarOptions> calendar) =>
            Page(http, Languages.Spanish, options.Value, calendar.Value));
        return endpoints;
    }

    /// <summary>The first supported language in the browser's order of preference, English when none is.</summary>
    public static string Negotiate(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage
            .Where(choice => (choice.Quality ?? 1) > 0)
            .OrderByDescending(choice => choice.Quality ?? 1)
            .Select(choice => choice.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(Languages.IsSupported) ?? Languages.English;

    private static RazorComponentResult<WebChatPage> Page(HttpContext http, string language, WebChatPageOptions options, CalendarOptions calendar)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
        headers.ContentLanguage = language;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        var texts = WebChatPageTexts.For(language);
        return new RazorComponentResult<WebChatPage>(new
        {
            Options = options,
            Texts = texts,
            Hours = HelpHours.Describe(calendar, language),
            BundleUrl,
            Nonce = nonce,
        });
    }

    /// <summary>
    /// Only this app, for everything. Scripts are files (no inline script, no eval); styles are files, or inline with
    /// this response's nonce, which chat.js hands to Web Chat for the style elements it injects. Direct Line is called
    /// on this origin. Images may also be blob URLs, which Web Chat makes for some of its icons. Nothing else is allowed:
    /// no frames, fonts, media or forms, and no framing of the page.
    /// </summary>
    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'none'; script-src 'self'; style-src 'self' 'nonce-{nonce}' '{EmptyStyleHash}'; img-src 'self' blob:; " +
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The hash of an empty style element. Web Chat 4.18.1 does not pass the nonce to its scroll-to-bottom transcript,
    /// whose style element is created empty and then filled through CSSOM (insertRule), which CSP does not check:
    /// allowing exactly the empty content lets that work without allowing any inline CSS.
    /// </summary>
    private const string EmptyStyleHash = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    private static string WebChatVersion() =>
        typeof(WebChatPageEndpoints).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "WebChatVersion")?.Value
        ?? throw new InvalidOperationException("The assembly does not say which Web Chat version the build fetched (eng/WebChatBundle.targets).");
}
