using System.Data.Common;
using System.Globalization;
using Bot.Data.Importing;
using Dapper;

namespace Bot.Data.Devices;

/// <summary>
/// Imports the asset register from CSV, matched by column name: <c>devices.csv</c>
/// (<c>assetTag,serialNumber,model,kind,status,schoolSourcedId,notes</c>) and <c>loans.csv</c>
/// (<c>assetTag,personSourcedId,checkedOut,due,returned,conditionNotes</c>, dates as yyyy-MM-dd). Importing the same
/// file again changes nothing. Rows that cannot be imported are reported with their line and skipped; bad values are
/// reported and left out. Each file is one transaction.
/// </summary>
public sealed class DeviceImporter(Database database, TimeProvider time)
{
    public Task<ImportReport> ImportDevicesAsync(TextReader reader, string file, IProgress<ImportProgress>? progress, CancellationToken cancellationToken) =>
        ImportAsync(reader, file, progress, WriteDeviceAsync, cancellationToken);

    public Task<ImportReport> ImportLoansAsync(TextReader reader, string file, IProgress<ImportProgress>? progress, CancellationToken cancellationToken) =>
        ImportAsync(reader, file, progress, WriteLoanAsync, cancellationToken);

    private async Task<ImportReport> ImportAsync(
        TextReader reader, string file, IProgress<ImportProgress>? progress, Func<Row, Task> write, CancellationToken cancellationToken)
    {
        var report = new ImportReport();
        using var csv = new CsvRows(reader, file, report);
        var rows = csv.Read().ToList();
        var now = time.GetUtcNow();
        await database.InTransactionAsync(
            async (transaction, token) =>
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    await write(new Row(rows[i], file, report, transaction, now, token));
                    if (i % 100 == 99 || i == rows.Count - 1)
                    {
                        progress?.Report(new ImportProgress(file, i + 1, rows.Count));
                    }
                }

                return true;
            },
            cancellationToken);
        return report;
    }

    private static async Task WriteDeviceAsync(Row row)
    {
        var tag = row.Csv["assetTag"].ToUpperInvariant();
        if (tag.Length == 0)
        {
            row.Report.SkipRow(row.File, row.Csv.Line, "no assetTag");
            return;
        }

        var kind = row.Csv["kind"].ToLowerInvariant();
        if (!DeviceKinds.All.Contains(kind))
        {
            row.LeaveOut($"kind '{row.Csv["kind"]}' is not one of {string.Join(", ", DeviceKinds.All)}; recorded as other");
            kind = "other";
        }

        var status = row.Csv["status"].ToLowerInvariant();
        if (!DeviceStatuses.All.Contains(status))
        {
            if (status.Length > 0)
            {
                row.LeaveOut($"status '{row.Csv["status"]}' is not one of {string.Join(", ", DeviceStatuses.All)}; recorded as in service");
            }

            status = DeviceStatuses.InService;
        }

        var serial = row.Csv["serialNumber"].ToUpperInvariant() is { Length: > 0 } s ? s : null;
        if (serial is not null && await row.ScalarAsync<string?>("SELECT asset_tag FROM devices WHERE serial_number = @Serial AND asset_tag <> @Tag", new { Serial = serial, Tag = tag }) is { } other)
        {
            row.LeaveOut($"serialNumber '{serial}' already belongs to {other}");
            serial = null;
        }

        long? school = null;
        if (row.Csv["schoolSourcedId"] is { Length: > 0 } schoolId)
        {
            school = await row.ScalarAsync<long?>("SELECT id FROM schools WHERE sourced_id = @Id", new { Id = schoolId });
            if (school is null)
            {
                row.LeaveOut($"schoolSourcedId '{schoolId}' is not a known school");
            }
        }

        var wanted = new DeviceRow
        {
            AssetTag = tag,
            SerialNumber = serial,
            Model = row.Csv["model"] is { Length: > 0 } model ? model : "unknown model",
            Kind = kind,
            Status = status,
            SchoolId = school,
            Notes = Null(row.Csv["notes"]),
        };
        var stored = await row.SingleAsync<DeviceRow>(
            "SELECT asset_tag AS AssetTag, serial_number AS SerialNumber, model AS Model, kind AS Kind, status AS Status, school_id AS SchoolId, notes AS Notes FROM devices WHERE asset_tag = @Tag",
            new { Tag = tag });
        if (stored == wanted)
        {
            row.Report.Unchanged++;
            return;
        }

        await row.ExecuteAsync(
            stored is null
                ? "INSERT INTO devices (asset_tag, serial_number, model, kind, status, school_id, notes, updated_at) VALUES (@AssetTag, @SerialNumber, @Model, @Kind, @Status, @SchoolId, @Notes, @Now)"
                : "UPDATE devices SET serial_number = @SerialNumber, model = @Model, kind = @Kind, status = @Status, school_id = @SchoolId, notes = @Notes, updated_at = @Now WHERE asset_tag = @AssetTag",
            new { wanted.AssetTag, wanted.SerialNumber, wanted.Model, wanted.Kind, wanted.Status, wanted.SchoolId, wanted.Notes, row.Now });
        if (stored is null)
        {
            row.Report.Added++;
        }
        else
        {
            row.Report.Updated++;
        }
    }

    private static async Task WriteLoanAsync(Row row)
    {
        var tag = row.Csv["assetTag"].ToUpperInvariant();
        var device = tag.Length == 0 ? null : await row.ScalarAsync<long?>("SELECT id FROM devices WHERE asset_tag = @Tag", new { Tag = tag });
        if (device is null)
        {
            row.Report.SkipRow(row.File, row.Csv.Line, tag.Length == 0 ? "no assetTag" : $"no device has the asset tag '{tag}'");
            return;
        }

        var personSourcedId = row.Csv["personSourcedId"];
        var person = personSourcedId.Length == 0 ? null : await row.ScalarAsync<long?>("SELECT id FROM people WHERE sourced_id = @Id", new { Id = personSourcedId });
        if (person is null)
        {
            row.Report.SkipRow(row.File, row.Csv.Line, personSourcedId.Length == 0 ? "no personSourcedId" : $"no person has the sourcedId '{personSourcedId}'");
            return;
        }

        if (Date(row.Csv["checkedOut"]) is not { } outAt)
        {
            row.Report.SkipRow(row.File, row.Csv.Line, $"checkedOut '{row.Csv["checkedOut"]}' is not a date (yyyy-MM-dd)");
            return;
        }

        var dueAt = OptionalDate(row, "due");
        var returnedAt = OptionalDate(row, "returned");
        if (returnedAt is null
            && await row.ScalarAsync<string?>(
                "SELECT p.sourced_id FROM loans l JOIN people p ON p.id = l.person_id WHERE l.device_id = @Device AND l.returned_at IS NULL AND NOT (l.person_id = @Person AND l.out_at = @OutAt)",
                new { Device = device, Person = person, OutAt = outAt }) is { } holder)
        {
            row.Report.SkipRow(row.File, row.Csv.Line, $"{tag} is already lent to {holder} and not returned");
            return;
        }

        var wanted = new LoanRow { DueAt = dueAt, ReturnedAt = returnedAt, ConditionNotes = Null(row.Csv["conditionNotes"]) };
        var stored = await row.SingleAsync<LoanRow>(
            "SELECT due_at AS DueAt, returned_at AS ReturnedAt, condition_notes AS ConditionNotes FROM loans WHERE device_id = @Device AND person_id = @Person AND out_at = @OutAt",
            new { Device = device, Person = person, OutAt = outAt });
        if (stored == wanted)
        {
            row.Report.Unchanged++;
            return;
        }

        var args = new { Device = device, Person = person, OutAt = outAt, wanted.DueAt, wanted.ReturnedAt, wanted.ConditionNotes };
        await row.ExecuteAsync(
            stored is null
                ? "INSERT INTO loans (device_id, person_id, out_at, due_at, returned_at, condition_notes) VALUES (@Device, @Person, @OutAt, @DueAt, @ReturnedAt, @ConditionNotes)"
                : "UPDATE loans SET due_at = @DueAt, returned_at = @ReturnedAt, condition_notes = @ConditionNotes WHERE device_id = @Device AND person_id = @Person AND out_at = @OutAt",
            args);

        // The register follows the loans: a device someone has is loaned; one that came back is in service again.
        await row.ExecuteAsync(
            """
            UPDATE devices SET status = CASE WHEN EXISTS (SELECT 1 FROM loans WHERE device_id = @Device AND returned_at IS NULL) THEN 'loaned'
                                             WHEN status = 'loaned' THEN 'in service' ELSE status END,
                               updated_at = @Now
            WHERE id = @Device
            """,
            new { Device = device, row.Now });
        if (stored is null)
        {
            row.Report.Added++;
        }
        else
        {
            row.Report.Updated++;
        }
    }

    private static DateTimeOffset? OptionalDate(Row row, string column)
    {
        var value = row.Csv[column];
        if (value.Length == 0)
        {
            return null;
        }

        if (Date(value) is { } date)
        {
            return date;
        }

        row.LeaveOut($"{column} '{value}' is not a date (yyyy-MM-dd)");
        return null;
    }

    private static DateTimeOffset? Date(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;

    private static string? Null(string value) => value.Length == 0 ? null : value;

    // Property records: Dapper fills them whatever type each engine returns a column as.
    private sealed record DeviceRow
    {
        public required string AssetTag { get; init; }

        public string? SerialNumber { get; init; }

        public required string Model { get; init; }

        public required string Kind { get; init; }

        public required string Status { get; init; }

        public long? SchoolId { get; init; }

        public string? Notes { get; init; }
    }

    private sealed record LoanRow
    {
        public DateTimeOffset? DueAt { get; init; }

        public DateTimeOffset? ReturnedAt { get; init; }

        public string? ConditionNotes { get; init; }
    }

    /// <summary>One CSV row being written, with the transaction and the report it belongs to.</summary>
    private sealed record Row(CsvRow Csv, string File, ImportReport Report, DbTransaction Transaction, DateTimeOffset Now, CancellationToken Cancellation)
    {
        public void LeaveOut(string reason) => Report.LeaveOut(File, Csv.Line, reason);

        public Task<T?> ScalarAsync<T>(string sql, object args) =>
            Transaction.Connection!.ExecuteScalarAsync<T?>(new CommandDefinition(sql, args, Transaction, cancellationToken: Cancellation));

        public Task<T?> SingleAsync<T>(string sql, object args) =>
            Transaction.Connection!.QuerySingleOrDefaultAsync<T?>(new CommandDefinition(sql, args, Transaction, cancellationToken: Cancellation));

        public Task<int> ExecuteAsync(string sql, object args) =>
            Transaction.Connection!.ExecuteAsync(new CommandDefinition(sql, args, Transaction, cancellationToken: Cancellation));
    }
}
