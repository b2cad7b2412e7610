namespace Bot.Console;

/// <summary>
/// What every console response tells the browser: run only this app's own scripts, connect only back to it (Blazor's
/// live connection), never be framed, never sniff a type, and keep addresses (ticket numbers) out of other sites'
/// referrers. Inline styles stay allowed: MudBlazor's components and Blazor's reconnection notice set them.
/// </summary>
public static class ConsoleSecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static Task AddAsync(HttpContext http, RequestDelegate next)
    {
        if (http.Request.Path.StartsWithSegments("/console", StringComparison.OrdinalIgnoreCase))
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
        }

        return next(http);
    }
}
