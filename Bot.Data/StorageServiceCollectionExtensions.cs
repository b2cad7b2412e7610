using Bot.Data.Accounts;
using Bot.Data.Contacts;
using Bot.Data.Contacts.OneRoster;
using Bot.Data.Devices;
using Bot.Data.Conversations;
using Bot.Data.Outbox;
using Bot.Data.Dialects;
using Bot.Data.Insights;
using Bot.Data.Schema;
using Bot.Data.Knowledge;
using Bot.Data.State;
using Bot.Data.Tickets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.Data;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The database chosen by <c>Storage:Provider</c> and <c>ConnectionStrings:Bot</c> (SQLite under
    /// <paramref name="contentRoot"/>/data by default), its stores, and migrations applied before the app starts.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .Configure(options => options.ConnectionString ??= configuration.GetConnectionString(StorageOptions.ConnectionStringName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<CalendarOptions>().Bind(configuration.GetSection(CalendarOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CalendarOptions>, CalendarOptionsValidator>();
        services.AddOptions<PeopleOptions>().Bind(configuration.GetSection(PeopleOptions.Section))
            .Validate(options => PhoneNumberNormalizer.IsKnownRegion(options.DefaultRegion), "People:DefaultRegion must be a region code such as US or MX.")
            .ValidateOnStart();

        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            options.TryGetProvider(out var engine);
            var connectionString = options.ConnectionString;
            if (engine == StorageProvider.Sqlite)
            {
                connectionString = string.IsNullOrWhiteSpace(connectionString)
                    ? SqliteDialect.DefaultConnectionString(contentRoot)
                    : connectionString;
                SqliteDialect.EnsureFolderExists(connectionString);
            }

            return new Database(Database.DialectFor(engine), connectionString!);
        });

        return services.AddStores();
    }

    /// <summary>An already chosen database (tools, tests) with the same stores and start-up migrations.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, Database database) =>
        services.AddSingleton(database).AddStores();

    private static IServiceCollection AddStores(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SchemaMigrator>();
        services.AddHostedService<SchemaMigrationService>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<MessageStore>();
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<StateStore>();
        services.AddSingleton<KnowledgeStore>();
        services.AddSingleton<SlaPolicyStore>();
        services.AddSingleton<SelfServiceStore>();
        services.AddSingleton<TicketStore>();
        services.AddSingleton<TicketActions>();
        services.AddSingleton<OpenTickets>();
        services.AddSingleton<CannedResponses>();
        services.AddSingleton<WebChat.DirectLineSignal>();
        services.AddSingleton<WebChat.DirectLineStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OptOutStore>();
        services.AddSingleton<PeopleStore>();
        services.AddOptions<PeopleOptions>();
        services.TryAddSingleton(provider => new PhoneNumberNormalizer(provider.GetRequiredService<IOptions<PeopleOptions>>().Value.DefaultRegion));
        services.AddSingleton<OneRosterImporter>();
        services.AddSingleton<DeviceStore>();
        services.AddSingleton<DeviceImporter>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<Insights.Summaries.TicketDaySummaries>();
        services.AddSingleton<TicketVolume>();
        services.AddSingleton<ResponseTimes>();
        services.AddSingleton<TargetsMet>();
        services.AddSingleton<SelfServiceInsights>();
        services.AddSingleton<TechnicianLoad>();
        services.AddSingleton<ReportSchools>();
        services.AddSingleton<Insights.Alerts.TicketGroupCounts>();
        services.AddSingleton<Insights.Alerts.AlertStore>();
        services.AddSingleton<Insights.Alerts.SpikeDetector>();
        services.TryAddSingleton(provider => new BusinessCalendar(provider.GetRequiredService<IOptions<CalendarOptions>>().Value));
        services.AddOptions<CalendarOptions>();
        return services;
    }
}
