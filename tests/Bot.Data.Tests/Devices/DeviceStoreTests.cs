using Bot.Data.Conversations;
using Bot.Data.Devices;
using Bot.Data.Importing;
using Bot.Data.Tickets;
using Bot.Testing;
using Dapper;

namespace Bot.Data.Tests.Devices;

public class DeviceStoreTests
{
    private const string Devices = """
        serialNumber,assetTag,model,kind,status,schoolSourcedId,notes
        5CD2000001,mv-c-10001,Dell Chromebook 3110,chromebook,loaned,s1,
        5CD2000002,MV-C-10002,Dell Chromebook 3110,Chromebook,in service,s1,spare
        5CD2000003,MV-H-30001,Kajeet SmartSpot 2,hotspot,loaned,s1,
        5CD2000001,MV-C-10003,Dell Chromebook 3110,tablet,in service,s9,
        ,,Nameless,chromebook,in service,s1,
        """;

    private const string Loans = """
        assetTag,personSourcedId,checkedOut,due,returned,conditionNotes
        MV-C-10001,u1,2026-08-20,2027-06-04,,
        MV-H-30001,u1,2026-08-20,2027-06-04,,
        MV-C-10002,u1,2025-08-20,2026-06-04,2026-06-05,cracked hinge
        MV-C-10001,u2,2026-08-21,2027-06-04,,
        MV-C-99999,u1,2026-08-20,,,
        MV-C-10002,nobody,2026-08-20,,,
        MV-C-10002,u2,20 August,,,
        """;

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 16, 0, 0, TimeSpan.Zero);

    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_register_imports_with_problems_reported_by_line_and_importing_again_changes_nothing(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await PeopleAsync(test.Database);
        var importer = new DeviceImporter(test.Database, TimeProvider.System);

        var devices = await importer.ImportDevicesAsync(new StringReader(Devices), "devices.csv", null, CancellationToken.None);
        var loans = await importer.ImportLoansAsync(new StringReader(Loans), "loans.csv", null, CancellationToken.None);

        Assert.Equal((4, 1), (devices.Added, devices.Skipped));
        Assert.Equal(
            [
                "devices.csv:5: kind 'tablet' is not one of chromebook, windows, hotspot, other; recorded as other",
                "devices.csv:5: serialNumber '5CD2000001' already belongs to MV-C-10001",
                "devices.csv:5: schoolSourcedId 's9' is not a known school",
                "devices.csv:6: no assetTag",
            ],
            devices.Problems.Select(problem => problem.ToString()));
        Assert.Equal((3, 4), (loans.Added, loans.Skipped));
        Assert.Equal(
            [
                "loans.csv:5: MV-C-10001 is already lent to u1 and not returned",
                "loans.csv:6: no device has the asset tag 'MV-C-99999'",
                "loans.csv:7: no person has the sourcedId 'nobody'",
                "loans.csv:8: checkedOut '20 August' is not a date (yyyy-MM-dd)",
            ],
            loans.Problems.Select(problem => problem.ToString()));

        var again = await importer.ImportDevicesAsync(new StringReader(Devices), "devices.csv", null, CancellationToken.None);
        var loansAgain = await importer.ImportLoansAsync(new StringReader(Loans), "loans.csv", null, CancellationToken.None);
        Assert.Equal((0, 0, 4), (again.Added, again.Updated, again.Unchanged));
        Assert.Equal((0, 0, 3), (loansAgain.Added, loansAgain.Updated, loansAgain.Unchanged));

        var store = new DeviceStore(test.Database, TimeProvider.System);
        var bySerial = await store.FindAsync("5cd2000001", CancellationToken.None);
        Assert.Equal(("MV-C-10001", "loaned", "Cedar Hollow High School"), (bySerial!.AssetTag, bySerial.Status, bySerial.School));
        var ana = await PersonIdAsync(test.Database, "u1");
        Assert.Equal(["MV-C-10001", "MV-H-30001"], (await store.ActiveLoansAsync(ana, CancellationToken.None)).Select(loan => loan.AssetTag));
        var history = Assert.Single(await store.LoansAsync((await store.FindAsync("MV-C-10002", CancellationToken.None))!.Id, CancellationToken.None));
        Assert.Equal(("Ana Valdemora", "cracked hinge"), (history.PersonName, history.ConditionNotes));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_broken_device_is_swapped_for_a_loaner_in_one_step_and_the_ticket_records_both(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await PeopleAsync(test.Database);
        var importer = new DeviceImporter(test.Database, TimeProvider.System);
        await importer.ImportDevicesAsync(new StringReader(Devices), "devices.csv", null, CancellationToken.None);
        await importer.ImportLoansAsync(new StringReader(Loans), "loans.csv", null, CancellationToken.None);
        var store = new DeviceStore(test.Database, TimeProvider.System);
        var ticket = await TicketAsync(test.Database);

        await store.SwapAsync("mv-c-10001", "MV-C-10002", "screen cracked", ticket.Id, "tech@district.example.org", CancellationToken.None);

        var broken = (await store.FindAsync("MV-C-10001", CancellationToken.None))!;
        var loaner = (await store.FindAsync("MV-C-10002", CancellationToken.None))!;
        Assert.Equal(("in repair", "loaned"), (broken.Status, loaner.Status));
        var ana = await PersonIdAsync(test.Database, "u1");
        var now = await store.ActiveLoansAsync(ana, CancellationToken.None);
        Assert.Equal(["MV-C-10002", "MV-H-30001"], now.Select(loan => loan.AssetTag));
        Assert.Equal((ticket.Id, new DateTimeOffset(2027, 6, 4, 0, 0, 0, TimeSpan.Zero)), (now[0].TicketId, now[0].DueAt));
        var returned = (await store.LoansAsync(broken.Id, CancellationToken.None))[0];
        Assert.Equal(("screen cracked", ticket.Id), (returned.ConditionNotes, returned.TicketId));
        Assert.NotNull(returned.ReturnedAt);
        var events = await new TicketStore(test.Database, new SlaPolicyStore(test.Database), new BusinessCalendar(new CalendarOptions()), TimeProvider.System)
            .HistoryAsync(ticket.Id, CancellationToken.None);
        Assert.Contains(events, e => e.Note == "Swapped MV-C-10001 (to repair) for loaner MV-C-10002." && e.Actor == "tech@district.example.org");

        // Nothing half-done: a swap to a loaner that is not available changes nothing.
        var refused = await Assert.ThrowsAsync<DeviceOperationException>(() => store.SwapAsync("MV-H-30001", "MV-C-10001", null, null, "tech", CancellationToken.None));
        Assert.Contains("in repair", refused.Message, StringComparison.Ordinal);
        Assert.Equal("loaned", (await store.FindAsync("MV-H-30001", CancellationToken.None))!.Status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Devices_go_out_and_come_back_and_a_lost_one_cannot_be_lent(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await PeopleAsync(test.Database);
        await new DeviceImporter(test.Database, TimeProvider.System).ImportDevicesAsync(new StringReader(Devices), "devices.csv", null, CancellationToken.None);
        var store = new DeviceStore(test.Database, TimeProvider.System);
        var beto = await PersonIdAsync(test.Database, "u2");

        await store.CheckOutAsync("MV-C-10002", beto, null, "new charger", null, CancellationToken.None);
        await Assert.ThrowsAsync<DeviceOperationException>(() => store.CheckOutAsync("MV-C-10002", beto, null, null, null, CancellationToken.None));
        await store.CheckInAsync("MV-C-10002", "fine", needsRepair: false, CancellationToken.None);
        Assert.Equal("in service", (await store.FindAsync("MV-C-10002", CancellationToken.None))!.Status);
        Assert.Equal("new charger; fine", (await store.LoansAsync((await store.FindAsync("MV-C-10002", CancellationToken.None))!.Id, CancellationToken.None))[0].ConditionNotes);

        await store.CheckOutAsync("MV-C-10002", beto, null, null, null, CancellationToken.None);
        await store.MarkAsync("MV-C-10002", DeviceStatuses.Lost, "left on the bus", CancellationToken.None);

        Assert.Empty(await store.ActiveLoansAsync(beto, CancellationToken.None));
        Assert.Equal("lost", (await store.FindAsync("MV-C-10002", CancellationToken.None))!.Status);
        var refused = await Assert.ThrowsAsync<DeviceOperationException>(() => store.CheckOutAsync("MV-C-10002", beto, null, null, null, CancellationToken.None));
        Assert.Equal("MV-C-10002 cannot be lent: it is lost.", refused.Message);
    }

    /// <summary>A school and two students, as an import would leave them.</summary>
    private static async Task PeopleAsync(Database database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(
            "INSERT INTO schools (sourced_id, name, kind, active, updated_at) VALUES ('s1', 'Cedar Hollow High School', 'school', @Active, @Now)",
            new { Active = true, Now });
        foreach (var (id, name) in new[] { ("u1", "Ana"), ("u2", "Beto") })
        {
            await connection.ExecuteAsync(
                "INSERT INTO people (sourced_id, role, given_name, family_name, active, updated_at) VALUES (@Id, 'student', @Name, 'Valdemora', @Active, @Now)",
                new { Id = id, Name = name, Active = true, Now });
        }
    }

    private static async Task<long> PersonIdAsync(Database database, string sourcedId)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return await connection.QuerySingleAsync<long>("SELECT id FROM people WHERE sourced_id = @SourcedId", new { SourcedId = sourcedId });
    }

    private static async Task<Ticket> TicketAsync(Database database)
    {
        var conversation = await new ConversationStore(database).TouchAsync(new ConversationActivity("sms", "+15555550100", "+15555550100", null, Now), CancellationToken.None);
        var tickets = new TicketStore(database, new SlaPolicyStore(database), new BusinessCalendar(new CalendarOptions()), TimeProvider.System);
        return await tickets.CreateAsync(
            new NewTicket
            {
                ConversationId = conversation,
                Channel = "sms",
                RequesterAddress = "+15555550100",
                Language = "en",
                Topic = "broken-screen",
                Category = "hardware",
                Summary = "screen cracked",
                Priority = "normal",
            },
            CancellationToken.None);
    }
}
