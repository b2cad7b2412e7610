using System.Data.Common;
using Dapper;

namespace Bot.Data.Devices;

/// <summary>
/// Devices and their loans: look a device up by asset tag or serial, see who has it and its tickets, check it out and
/// in, swap a broken device for a loaner in one step, mark it lost or in repair. Every change is one transaction.
/// </summary>
public sealed class DeviceStore(Database database, TimeProvider time)
{
    private const string SelectDevice = """
        SELECT d.id AS Id, d.asset_tag AS AssetTag, d.serial_number AS SerialNumber, d.model AS Model, d.kind AS Kind,
               d.status AS Status, s.name AS School, d.notes AS Notes
        FROM devices d LEFT JOIN schools s ON s.id = d.school_id
        """;

    private const string FindSql = SelectDevice + "\nWHERE d.asset_tag = @Key OR d.serial_number = @Key";

    private const string SelectLoan = """
        SELECT l.id AS Id, l.device_id AS DeviceId, d.asset_tag AS AssetTag, d.model AS Model, d.kind AS Kind, l.person_id AS PersonId,
               p.given_name || ' ' || p.family_name AS PersonName, l.out_at AS OutAt, l.due_at AS DueAt, l.returned_at AS ReturnedAt,
               l.condition_notes AS ConditionNotes, l.ticket_id AS TicketId
        FROM loans l JOIN devices d ON d.id = l.device_id JOIN people p ON p.id = l.person_id
        """;

    private const string LoansOfDeviceSql = SelectLoan + "\nWHERE l.device_id = @DeviceId ORDER BY l.out_at DESC, l.id DESC";

    private const string ActiveLoansOfPersonSql = SelectLoan + "\nWHERE l.person_id = @PersonId AND l.returned_at IS NULL ORDER BY d.kind, d.asset_tag";

    private const string TicketsOfDeviceSql = """
        SELECT number FROM tickets WHERE device_id = @DeviceId OR device_asset_tag = @AssetTag ORDER BY id DESC
        """;

    /// <summary>The device with this asset tag or serial number (as printed on it, case-insensitive).</summary>
    public async Task<Device?> FindAsync(string assetTagOrSerial, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Device>(new CommandDefinition(
            FindSql, new { Key = assetTagOrSerial.Trim().ToUpperInvariant() }, cancellationToken: cancellationToken));
    }

    /// <summary>Every loan of the device, the latest first.</summary>
    public Task<IReadOnlyList<Loan>> LoansAsync(long deviceId, CancellationToken cancellationToken) =>
        QueryAsync<Loan>(LoansOfDeviceSql, new { DeviceId = deviceId }, cancellationToken);

    /// <summary>What the person has now, hotspots after laptops.</summary>
    public Task<IReadOnlyList<Loan>> ActiveLoansAsync(long personId, CancellationToken cancellationToken) =>
        QueryAsync<Loan>(ActiveLoansOfPersonSql, new { PersonId = personId }, cancellationToken);

    /// <summary>The numbers of the tickets about the device, the latest first.</summary>
    public Task<IReadOnlyList<string>> TicketsAsync(Device device, CancellationToken cancellationToken) =>
        QueryAsync<string>(TicketsOfDeviceSql, new { DeviceId = device.Id, device.AssetTag }, cancellationToken);

    /// <summary>Lends a device that is in service to a person.</summary>
    public Task<long> CheckOutAsync(string assetTag, long personId, DateTimeOffset? dueAt, string? notes, long? ticketId, CancellationToken cancellationToken) =>
        database.InTransactionAsync((transaction, token) => CheckOutAsync(assetTag, personId, dueAt, notes, ticketId, transaction, token), cancellationToken);

    /// <summary>Takes a device back; it goes back in service, or to repair when it came back broken.</summary>
    public Task CheckInAsync(string assetTag, string? conditionNotes, bool needsRepair, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            async (transaction, token) =>
            {
                await CheckInAsync(await DeviceAsync(assetTag, transaction, token), conditionNotes, needsRepair ? DeviceStatuses.InRepair : DeviceStatuses.InService, transaction, token);
                return true;
            },
            cancellationToken);

    /// <summary>
    /// The broken device comes back for repair and a loaner goes out to the same person, due when the broken one
    /// was, in one step; both loans link to the ticket, and the ticket's history says what was swapped.
    /// </summary>
    public Task<long> SwapAsync(string brokenAssetTag, string loanerAssetTag, string? conditionNotes, long? ticketId, string actor, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            async (transaction, token) =>
            {
                var broken = await DeviceAsync(brokenAssetTag, transaction, token);
                var loan = await ActiveLoanAsync(broken.Id, transaction, token)
                    ?? throw new DeviceOperationException($"{broken.AssetTag} is not lent to anyone: there is nothing to swap.");
                await CheckInAsync(broken, conditionNotes, DeviceStatuses.InRepair, transaction, token);
                if (ticketId is { } ticket)
                {
                    await transaction.ExecuteAsync("UPDATE loans SET ticket_id = @TicketId WHERE id = @Id", new { TicketId = ticket, loan.Id }, token);
                }

                var loanerLoan = await CheckOutAsync(loanerAssetTag, loan.PersonId, loan.DueAt, null, ticketId, transaction, token);
                await NoteOnTicketAsync(ticketId, actor, $"Swapped {broken.AssetTag} (to repair) for loaner {loanerAssetTag.Trim().ToUpperInvariant()}.", transaction, token);
                return loanerLoan;
            },
            cancellationToken);

    /// <summary>Marks a device lost, in repair or retired; a lost or retired device's open loan ends with that note.</summary>
    public Task MarkAsync(string assetTag, string status, string? note, CancellationToken cancellationToken)
    {
        if (status is not (DeviceStatuses.Lost or DeviceStatuses.InRepair or DeviceStatuses.Retired))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A device can be marked lost, in repair or retired.");
        }

        return database.InTransactionAsync(
            async (transaction, token) =>
            {
                var device = await DeviceAsync(assetTag, transaction, token);
                if (status != DeviceStatuses.InRepair && await ActiveLoanAsync(device.Id, transaction, token) is not null)
                {
                    await CheckInAsync(device, note is null ? status : $"{status}: {note}", status, transaction, token);
                    return true;
                }

                await transaction.ExecuteAsync("UPDATE devices SET status = @Status, notes = COALESCE(@Note, notes), updated_at = @At WHERE id = @Id", new { device.Id, Status = status, Note = note, At = time.GetUtcNow() }, token);
                return true;
            },
            cancellationToken);
    }

    private async Task<long> CheckOutAsync(string assetTag, long personId, DateTimeOffset? dueAt, string? notes, long? ticketId, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var device = await DeviceAsync(assetTag, transaction, cancellationToken);
        if (device.Status != DeviceStatuses.InService || await ActiveLoanAsync(device.Id, transaction, cancellationToken) is not null)
        {
            throw new DeviceOperationException($"{device.AssetTag} cannot be lent: it is {device.Status}.");
        }

        var at = time.GetUtcNow();
        var id = await transaction.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO loans (device_id, person_id, out_at, due_at, condition_notes, ticket_id)
            VALUES (@DeviceId, @PersonId, @At, @DueAt, @Notes, @TicketId)
            RETURNING id
            """,
            new { DeviceId = device.Id, PersonId = personId, At = at, DueAt = dueAt, Notes = notes, TicketId = ticketId },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.ExecuteAsync("UPDATE devices SET status = @Status, updated_at = @At WHERE id = @Id", new { device.Id, Status = DeviceStatuses.Loaned, At = at }, cancellationToken);
        return id;
    }

    private async Task CheckInAsync(Device device, string? conditionNotes, string status, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var closed = await transaction.ExecuteAsync(
            """
            UPDATE loans SET returned_at = @At,
                condition_notes = CASE WHEN @Notes IS NULL THEN condition_notes WHEN condition_notes IS NULL THEN @Notes ELSE condition_notes || '; ' || @Notes END
            WHERE device_id = @DeviceId AND returned_at IS NULL
            """,
            new { DeviceId = device.Id, At = at, Notes = conditionNotes },
            cancellationToken);
        if (closed == 0)
        {
            throw new DeviceOperationException($"{device.AssetTag} is not lent to anyone.");
        }

        await transaction.ExecuteAsync("UPDATE devices SET status = @Status, updated_at = @At WHERE id = @Id", new { device.Id, Status = status, At = at }, cancellationToken);
    }

    private async Task NoteOnTicketAsync(long? ticketId, string actor, string note, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (ticketId is null)
        {
            return;
        }

        await transaction.ExecuteAsync(
            """
            INSERT INTO ticket_events (ticket_id, at, from_status, to_status, actor, note)
            SELECT id, @At, status, status, @Actor, @Note FROM tickets WHERE id = @TicketId
            """,
            new { TicketId = ticketId, At = time.GetUtcNow(), Actor = actor, Note = note },
            cancellationToken);
    }

    private static async Task<Device> DeviceAsync(string assetTag, DbTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.QuerySingleOrDefaultAsync<Device>(new CommandDefinition(
            FindSql, new { Key = assetTag.Trim().ToUpperInvariant() }, transaction, cancellationToken: cancellationToken))
        ?? throw new DeviceOperationException($"No device has the asset tag or serial '{assetTag}'.");

    private static Task<Loan?> ActiveLoanAsync(long deviceId, DbTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<Loan>(new CommandDefinition(
            SelectLoan + "\nWHERE l.device_id = @DeviceId AND l.returned_at IS NULL", new { DeviceId = deviceId }, transaction, cancellationToken: cancellationToken));


    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object args, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, args, cancellationToken: cancellationToken))).AsList();
    }
}
