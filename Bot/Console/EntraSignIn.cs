using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.Console;

/// <summary>
/// "Sign in with Microsoft" for the console (OpenID Connect, authorization code with PKCE), when
/// <c>Console:Entra</c> is configured. Entra proves who someone is; <see cref="ConsoleSignIn.EntraPrincipalAsync"/>
/// decides whether they have a console account, and the session is then the same cookie as a local sign-in.
/// </summary>
public static class EntraSignIn
{
    public const string Scheme = "entra";
    public const string StartPath = "/console/signin/entra";
    private const string CallbackPath = "/console/signin-entra";

    /// <summary>
    /// The OpenID Connect handler and its options, read from <see cref="EntraOptions"/> when first used. The scheme
    /// itself is added at start-up by <see cref="MapEntraSignIn"/>, once the final settings are known, and only when
    /// Entra sign-in is configured.
    /// </summary>
    public static IServiceCollection AddEntraSignIn(this IServiceCollection services)
    {
        services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<EntraOptions>>((oidc, entra) => Configure(oidc, entra.Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.AddTransient<OpenIdConnectHandler>();
        return services;
    }

    private static void Configure(OpenIdConnectOptions oidc, EntraOptions entra)
    {
        if (!entra.Enabled)
        {
            return;
        }

        oidc.Authority = entra.Authority;
        oidc.ClientId = entra.ClientId;
        oidc.ClientSecret = entra.ClientSecret;
        oidc.RequireHttpsMetadata = !new Uri(entra.Authority!).IsLoopback;
        oidc.SignInScheme = ConsoleSignIn.Scheme;
        oidc.CallbackPath = CallbackPath;
        oidc.ResponseType = "code";
        oidc.ResponseMode = "query";
        oidc.UsePkce = true;
        oidc.Scope.Clear();
        oidc.Scope.Add("openid");
        oidc.Scope.Add("profile");
        oidc.Scope.Add("email");
        oidc.MapInboundClaims = false;
        oidc.SaveTokens = false;
        // Like the console's own cookie: secure on HTTPS, and plain HTTP only on this machine.
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.Events.OnTokenValidated = async context =>
        {
            var signIn = context.HttpContext.RequestServices.GetRequiredService<ConsoleSignIn>();
            var principal = await signIn.EntraPrincipalAsync(context.Principal!, context.HttpContext.RequestAborted);
            if (principal is null)
            {
                context.Response.Redirect("/console/signin?entra=no-account");
                context.HandleResponse();
                return;
            }

            context.Principal = principal;
        };
        oidc.Events.OnRemoteFailure = context =>
        {
            // Cancelled at Microsoft, a stale link, a forged token, a provider outage: back to sign-in, never an error page.
            context.Response.Redirect("/console/signin?entra=failed");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    public static IEndpointRouteBuilder MapEntraSignIn(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<EntraOptions>>().Value.Enabled)
        {
            endpoints.ServiceProvider.GetRequiredService<IAuthenticationSchemeProvider>()
                .TryAddScheme(new AuthenticationScheme(Scheme, "Microsoft", typeof(OpenIdConnectHandler)));
            endpoints.MapGet(StartPath, () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/console/tickets" }, [Scheme]))
                .AllowAnonymous();
        }

        return endpoints;
    }
}
