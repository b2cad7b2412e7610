using Bot.Data.Tickets;
using Bot.Outbox;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>
    /// Teams on top of the Bot Connector adapter: its bot (<see cref="TeamsDeskBot"/>), staff recognition, the
    /// technicians' alerts and claims, and delivery of what the desk starts in Teams through the outbox.
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();
        // Checked in full by `teams package`; the running desk only links cards to the console with its public URL.
        services.AddOptions<TeamsAppOptions>().Bind(configuration.GetSection(TeamsAppOptions.Section));
        services.AddMemoryCache();
        services.AddSingleton<TeamsSignIns>();
        services.AddSingleton<TeamsStaffDirectory>();
        services.AddSingleton<TeamsTicketClaims>();
        services.AddSingleton<TeamsDeskBot>();
        services.Replace(ServiceDescriptor.Singleton<IBot>(provider => provider.GetRequiredService<TeamsDeskBot>()));
        services.AddSingleton<ITicketOpenedListener, TeamsEscalationAlerts>();
        services.AddSingleton<IOutboxSender, TeamsSender>();
        services.AddOutbox(configuration);
        return services;
    }
}
