using Bot.Console.Components;
using Bot.Console.Insights;
using Bot.Data.Accounts;
using Bot.Data.Conversations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace Bot.Console;

public static class ConsoleServiceCollectionExtensions
{
    /// <summary>
    /// The technician console: server-rendered Razor components under <c>/console</c>, local accounts (and Microsoft
    /// Entra ID when configured) signed in with a secure, HTTP-only, same-site cookie, antiforgery on every form, and roles. Every console page requires a
    /// signed-in technician or admin; anonymous visitors are sent to sign in.
    /// </summary>
    public static IServiceCollection AddConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.Section))
            .Validate(options => options.MaxFailedSignIns > 0 && options.Lockout > TimeSpan.Zero && options.SessionLength > TimeSpan.Zero, "Console:MaxFailedSignIns, Console:Lockout and Console:SessionLength must be positive.")
            .ValidateOnStart();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddSingleton<ConsoleSignIn>();
        services.AddSingleton<Handoff.HandoffService>();
        services.AddOptions<EntraOptions>().Bind(configuration.GetSection(EntraOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EntraOptions>, EntraOptionsValidator>();
        services.AddInsightsReports();
        services.AddAuthentication(ConsoleSignIn.Scheme).AddCookie(ConsoleSignIn.Scheme, cookie =>
        {
            cookie.LoginPath = "/console/signin";
            cookie.AccessDeniedPath = "/console/denied";
            cookie.Cookie.Name = "desk-console";
            cookie.Cookie.HttpOnly = true;
            // Secure on HTTPS; plain HTTP reaches the console only on this machine (see RequireHttpsOffLoopback).
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Lax, not Strict: a sign-in coming back from Microsoft Entra ID is a cross-site navigation, and a Strict
            // cookie set there would be dropped on its redirect. Every form also carries an antiforgery token.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>()?.SessionLength ?? new ConsoleOptions().SessionLength;
        });
        services.AddEntraSignIn();
        services.AddAuthorization(ConsolePolicies.Add);
        services.AddAntiforgery(antiforgery => antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.Use(RequireHttpsOffLoopback);
        app.Use(ConsoleSecurityHeaders.AddAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        // ConsoleSecurityHeaders already says frame-ancestors 'none', stricter than Blazor's own 'self'.
        app.MapRazorComponents<ConsoleApp>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null);
        app.MapEntraSignIn();
        app.MapPost("/console/signout", SignOutAsync).RequireAuthorization(ConsolePolicies.Technician);
        app.MapGet("/console/attachments/{id:long}", AttachmentAsync).RequireAuthorization(ConsolePolicies.Technician);
        app.MapInsightsCsv();
        return app;
    }

    /// <summary>
    /// The console's cookies and passwords travel only over HTTPS, except to a browser on the same machine (a newcomer's
    /// <c>http://localhost</c>). Behind a proxy that ends TLS, enable forwarded headers so that the request says HTTPS.
    /// </summary>
    private static Task RequireHttpsOffLoopback(HttpContext http, RequestDelegate next)
    {
        if (http.Request.Path.StartsWithSegments("/console") && !http.Request.IsHttps && !IsLoopback(http))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return http.Response.WriteAsync("The console is served over HTTPS only.");
        }

        return next(http);
    }

    private static bool IsLoopback(HttpContext http) =>
        http.Connection.RemoteIpAddress is not { } remote || System.Net.IPAddress.IsLoopback(remote);

    /// <summary>A kept photo, shown inline, never sniffed as anything but the image type it was checked to be.</summary>
    private static async Task<IResult> AttachmentAsync(long id, HttpContext http, AttachmentStore attachments, AuditLog audit)
    {
        var file = await attachments.ContentAsync(id, http.RequestAborted);
        if (file is null)
        {
            return Results.NotFound();
        }

        await audit.RecordAsync(http.User.AccountId(), "viewed attachment", $"attachment:{id}", null, http.RequestAborted);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.File(file.Content, file.ContentType);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] IFormCollection form)
    {
        _ = form;
        await http.SignOutAsync(ConsoleSignIn.Scheme);
        return Results.Redirect("/console/signin");
    }
}
