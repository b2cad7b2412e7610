using Bot.Data;
using Bot.Data.Conversations;
using Bot.Data.Tickets;
using Bot.Testing;
using Bot.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Insights;

/// <summary>The app keeps the reports' daily summaries current on its own, without waiting for someone to open a report.</summary>
public class SummaryRefreshJobTests
{
    [Fact]
    public async Task A_new_ticket_is_summarised_by_the_job_before_anyone_reads_a_report()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Insights:Summaries:RefreshEvery"] = "00:00:00.200" });
        var conversation = await app.Services.GetRequiredService<ConversationStore>().TouchAsync(
            new ConversationActivity("sms", "+15555550123", "+15555550123", null, DateTimeOffset.UtcNow), CancellationToken.None);

        await app.Services.GetRequiredService<TicketStore>().CreateAsync(
            new NewTicket { ConversationId = conversation, Channel = "sms", RequesterAddress = "+15555550123", Language = "en", Topic = "power", Category = "hardware", Summary = "won't turn on" },
            CancellationToken.None);

        await using var connection = await database.Database.OpenAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ticket_day_changes") > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ticket_day_changes"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT SUM(tickets) FROM ticket_days WHERE channel = 'sms' AND category = 'hardware'"));
    }

    [Fact]
    public void A_period_of_zero_stops_start_up_and_names_the_setting()
    {
        using var app = new DeskApp(new() { ["Insights:Summaries:RefreshEvery"] = "00:00:00" });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Insights:Summaries:RefreshEvery must be positive.", Assert.IsType<OptionsValidationException>(Unwrap(error)).Message, StringComparison.Ordinal);
    }

    private static Exception Unwrap(Exception error) => error is AggregateException { InnerExceptions: [var only] } ? Unwrap(only) : error;
}
