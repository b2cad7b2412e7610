using Bot.Data.Insights.Alerts;
using Microsoft.Extensions.Options;

namespace Bot.Insights;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Systemic-problem alerts: settings checked at start-up, the scanning job, and their card in the technicians'
    /// Teams channel (the console page is routed with the rest of the console).
    /// </summary>
    public static IServiceCollection AddSpikeAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        services.AddSingleton<IAlertRaisedListener, TeamsAlertCards>();
        services.AddSingleton<SpikeAlertJob>();
        services.AddHostedService(provider => provider.GetRequiredService<SpikeAlertJob>());
        return services;
    }

    /// <summary>The job that keeps the reports' daily summaries current, with its setting checked at start-up.</summary>
    public static IServiceCollection AddSummaryRefresh(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SummaryRefreshOptions>().Bind(configuration.GetSection(SummaryRefreshOptions.Section))
            .Validate(summaries => summaries.RefreshEvery > TimeSpan.Zero, "Insights:Summaries:RefreshEvery must be positive.")
            .ValidateOnStart();
        services.AddHostedService<SummaryRefreshJob>();
        return services;
    }
}
