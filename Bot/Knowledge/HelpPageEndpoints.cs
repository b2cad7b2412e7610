using Bot.Channels.WebChat;
using Bot.Dialogs.Knowledge;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Bot.Knowledge;

/// <summary>
/// <c>GET /help/{language}/{slug}</c>: an article's public, read-only page, the link a technician's text carries.
/// Articles are public content, so no sign-in; the page runs no script and loads nothing but its own stylesheet.
/// </summary>
public static class HelpPageEndpoints
{
    public static IServiceCollection AddHelpPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HelpLinkOptions>().Bind(configuration.GetSection(HelpLinkOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HelpLinkOptions>, HelpLinkOptionsValidator>();
        services.AddSingleton<HelpLinks>();
        return services;
    }

    public static IEndpointRouteBuilder MapHelpPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/help/{language}/{slug}", Page);
        return endpoints;
    }

    /// <summary>Only this app's stylesheet; no script, no forms, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static Results<RazorComponentResult<HelpArticlePage>, NotFound> Page(string language, string slug, HttpContext http, KnowledgeBase knowledge, IOptions<WebChatPageOptions> page)
    {
        if (!Languages.IsSupported(language) || knowledge.Find(slug, language) is not { } article)
        {
            return TypedResults.NotFound();
        }

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.ContentLanguage = article.Language;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return new RazorComponentResult<HelpArticlePage>(new { Article = article, District = page.Value.DistrictName });
    }
}
