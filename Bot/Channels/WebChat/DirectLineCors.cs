using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WebChat;

/// <summary>
/// Cross-origin access to the Direct Line and token routes, for a Web Chat page on another site (a district's own
/// web site): only the origins in <see cref="DirectLineOptions.AllowedOrigins"/>, with the headers and methods Web Chat
/// uses. None listed means the app's own pages only. The rest of the app is never opened to other origins.
/// </summary>
public static class DirectLineCors
{
    public const string Policy = "directline";

    public static IServiceCollection AddDirectLineCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<DirectLineOptions>>((cors, directLine) =>
            cors.AddPolicy(Policy, policy => policy
                .WithOrigins([.. directLine.Value.AllowedOrigins])
                .WithHeaders("Authorization", "Content-Type", "x-ms-bot-agent")
                .WithMethods(HttpMethods.Get, HttpMethods.Post)
                // A page that is told to slow down can read for how long.
                .WithExposedHeaders("Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }
}
