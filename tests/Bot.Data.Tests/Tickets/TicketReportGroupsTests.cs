using Bot.Data.Conversations;
using Bot.Data.Insights;
using Bot.Data.Tickets;
using Bot.Testing;
using Dapper;

namespace Bot.Data.Tests.Tickets;

/// <summary>The school and device model a ticket keeps for the volume reports (migration 0015).</summary>
public class TicketReportGroupsTests
{
    private static readonly DateTimeOffset Opened = InsightsSample.Local("2026-11-06 15:00");

    private static readonly string[] SchoolNames = ["Roosevelt", "Lincoln", "Washington"];

    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_new_ticket_keeps_its_persons_first_school_by_name_and_its_devices_model_and_the_reports_count_by_them(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(
            "INSERT INTO schools (sourced_id, name, kind, active, updated_at) VALUES (@Name, @Name, 'school', @Active, @At)",
            SchoolNames.Select(name => new { Name = name, Active = true, At = Opened }));
        var ben = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO people (sourced_id, role, given_name, family_name, active, updated_at) VALUES ('ben', 'student', 'Ben', 'Sample', @Active, @At) RETURNING id",
            new { Active = true, At = Opened });
        await connection.ExecuteAsync(
            "INSERT INTO person_schools (person_id, school_id) SELECT @Person, id FROM schools WHERE name IN ('Roosevelt', 'Lincoln')", new { Person = ben });
        var device = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO devices (asset_tag, model, kind, status, updated_at) VALUES ('MV-1', 'Dell 3110', 'chromebook', 'loaned', @At) RETURNING id", new { At = Opened });

        var ticket = await TicketAsync(test.Database, ben, device);

        var kept = await connection.QuerySingleAsync<(string? School, string? Model)>(
            "SELECT s.name, t.device_model FROM tickets t LEFT JOIN schools s ON s.id = t.school_id WHERE t.id = @Id", new { ticket.Id });
        Assert.Equal(("Lincoln", "Dell 3110"), kept);
        var volume = new TicketVolume(test.Database, InsightsSample.Calendar);
        var filter = new InsightsFilter(InsightsSample.From, InsightsSample.To);
        Assert.Equal([("Lincoln", 1L)], (await volume.ByAsync(filter, VolumeDimension.School, CancellationToken.None)).Select(row => (row.Label, row.Tickets)));
        Assert.Equal([("Dell 3110", 1L)], (await volume.ByAsync(filter, VolumeDimension.DeviceModel, CancellationToken.None)).Select(row => (row.Label, row.Tickets)));

        // What the ticket keeps is what counts: a different copy shows, which the person and device alone could not give.
        await connection.ExecuteAsync(
            "UPDATE tickets SET school_id = (SELECT id FROM schools WHERE name = 'Washington'), device_model = 'HP G9' WHERE id = @Id", new { ticket.Id });
        Assert.Equal([("Washington", 1L)], (await volume.ByAsync(filter, VolumeDimension.School, CancellationToken.None)).Select(row => (row.Label, row.Tickets)));
        Assert.Equal([("HP G9", 1L)], (await volume.ByAsync(filter, VolumeDimension.DeviceModel, CancellationToken.None)).Select(row => (row.Label, row.Tickets)));
    }

    private static async Task<Ticket> TicketAsync(Database database, long person, long device)
    {
        var conversation = await new ConversationStore(database).TouchAsync(new ConversationActivity("sms", "+15555550100", "+15555550100", null, Opened), CancellationToken.None);
        var store = new TicketStore(database, new SlaPolicyStore(database), InsightsSample.Calendar, new TestClock(Opened));
        return await store.CreateAsync(
            new NewTicket
            {
                ConversationId = conversation,
                Channel = "sms",
                RequesterAddress = "+15555550100",
                Language = "en",
                Topic = "screen",
                Category = "hardware",
                Summary = "screen cracked",
                PersonId = person,
                DeviceId = device,
            },
            CancellationToken.None);
    }
}
