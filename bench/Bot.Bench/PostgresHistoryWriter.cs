using Npgsql;
using NpgsqlTypes;

namespace Bot.Bench;

/// <summary>
/// Writes an <see cref="InsightsHistory"/> into a freshly migrated PostgreSQL database with binary COPY: conversations,
/// tickets and messages stream at once, each on its own connection, so the history is generated once. Identity
/// columns number the rows in order (1, 2, …), which is what the generator's ids assume; foreign-key triggers are
/// skipped for that load (session_replication_role), the generator keeping its rows consistent itself. Ticket events
/// and self-service resolutions follow on connections whose triggers fire, as their summaries are kept by triggers.
/// </summary>
internal static class PostgresHistoryWriter
{
    public static async Task WriteAsync(string connectionString, InsightsHistory history)
    {
        var at = InsightsHistory.From.UtcDateTime;
        await using (var connection = await OpenAsync(connectionString))
        {
            await using (var schools = await connection.BeginBinaryImportAsync("COPY schools (sourced_id, name, kind, active, updated_at) FROM STDIN (FORMAT BINARY)"))
            {
                for (var school = 0; school < InsightsHistory.Schools; school++)
                {
                    await schools.WriteRowAsync(default, $"school-{school + 1}", InsightsHistory.SchoolName(school), "school", true, at);
                }

                await schools.CompleteAsync();
            }

            await using (var people = await connection.BeginBinaryImportAsync("COPY people (sourced_id, role, given_name, family_name, active, updated_at) FROM STDIN (FORMAT BINARY)"))
            {
                for (var student = 0; student < InsightsHistory.Students; student++)
                {
                    await people.WriteRowAsync(default, $"student-{student + 1}", "student", "Student", $"Number {student + 1}", true, at);
                }

                await people.CompleteAsync();
            }

            await using (var enrolments = await connection.BeginBinaryImportAsync("COPY person_schools (person_id, school_id) FROM STDIN (FORMAT BINARY)"))
            {
                for (var student = 0; student < InsightsHistory.Students; student++)
                {
                    await enrolments.WriteRowAsync(default, (long)student + 1, (long)InsightsHistory.SchoolOf(student) + 1);
                }

                await enrolments.CompleteAsync();
            }

            await using (var devices = await connection.BeginBinaryImportAsync("COPY devices (asset_tag, serial_number, model, kind, status, school_id, updated_at) FROM STDIN (FORMAT BINARY)"))
            {
                for (var student = 0; student < InsightsHistory.Students; student++)
                {
                    var model = InsightsHistory.Models[InsightsHistory.ModelOf(student)];
                    await devices.WriteRowAsync(default, $"MV-{student + 1:000000}", $"SN{student + 1:00000000}", model.Model, model.Kind, "loaned", (long)InsightsHistory.SchoolOf(student) + 1, at);
                }

                await devices.CompleteAsync();
            }
        }

        await using var conversationsConnection = await OpenAsync(connectionString);
        await using var ticketsConnection = await OpenAsync(connectionString);
        await using var messagesConnection = await OpenAsync(connectionString);
        await using var conversations = await conversationsConnection.BeginBinaryImportAsync(
            "COPY conversations (channel, channel_conversation_id, address, mode, created_at, last_activity_at) FROM STDIN (FORMAT BINARY)");
        await using var tickets = await ticketsConnection.BeginBinaryImportAsync("""
            COPY tickets (number, status, category, topic, priority, channel, conversation_id, requester_address, language, device_asset_tag,
                          location_kind, location_zip, summary, created_at, first_response_due_at, resolution_due_at, first_response_at,
                          resolved_at, resolved_by, person_id, device_id, first_response_business_hours, resolution_business_hours,
                          school_id, device_model, assignee, article_slug) FROM STDIN (FORMAT BINARY)
            """);
        await using var messages = await messagesConnection.BeginBinaryImportAsync(
            "COPY messages (conversation_id, ticket_id, direction, author_kind, channel, text, at) FROM STDIN (FORMAT BINARY)");
        foreach (var ticket in history.Tickets())
        {
            var created = ticket.CreatedAt.UtcDateTime;
            var resolved = ticket.Resolved(InsightsHistory.To);
            await conversations.StartRowAsync();
            await conversations.WriteAsync(ticket.Channel);
            await conversations.WriteAsync($"c-{ticket.Id}");
            await conversations.WriteAsync(ticket.Address);
            await conversations.WriteAsync("bot");
            await conversations.WriteAsync(created.AddMinutes(-20), NpgsqlDbType.TimestampTz);
            await conversations.WriteAsync(created.AddMinutes(-20), NpgsqlDbType.TimestampTz);

            await tickets.StartRowAsync();
            await tickets.WriteAsync(ticket.Number);
            await tickets.WriteAsync(ticket.Status(InsightsHistory.To));
            await tickets.WriteAsync(ticket.Category);
            await tickets.WriteAsync(ticket.Topic);
            await tickets.WriteAsync("normal");
            await tickets.WriteAsync(ticket.Channel);
            await tickets.WriteAsync(ticket.Id, NpgsqlDbType.Bigint);
            await tickets.WriteAsync(ticket.Address);
            await tickets.WriteAsync(ticket.Language);
            await tickets.WriteAsync($"MV-{ticket.DeviceId:000000}");
            await tickets.WriteAsync(ticket.LocationKind);
            await WriteNullableAsync(tickets, ticket.Zip, NpgsqlDbType.Text);
            await tickets.WriteAsync($"{ticket.Topic} problem");
            await tickets.WriteAsync(created, NpgsqlDbType.TimestampTz);
            await tickets.WriteAsync(created.AddHours(8), NpgsqlDbType.TimestampTz);
            await tickets.WriteAsync(created.AddDays(3), NpgsqlDbType.TimestampTz);
            await WriteNullableAsync(tickets, resolved ? ticket.FirstResponseAt.UtcDateTime : null, NpgsqlDbType.TimestampTz);
            await WriteNullableAsync(tickets, resolved ? ticket.ResolvedAt.UtcDateTime : null, NpgsqlDbType.TimestampTz);
            await WriteNullableAsync(tickets, resolved ? "technician" : null, NpgsqlDbType.Text);
            await tickets.WriteAsync(ticket.PersonId, NpgsqlDbType.Bigint);
            await tickets.WriteAsync(ticket.DeviceId, NpgsqlDbType.Bigint);
            await WriteNullableAsync(tickets, resolved ? ticket.BusinessHoursTo(ticket.FirstResponseAt) : null);
            await WriteNullableAsync(tickets, resolved ? ticket.BusinessHoursTo(ticket.ResolvedAt) : null);
            await tickets.WriteAsync(ticket.SchoolId, NpgsqlDbType.Bigint);
            await tickets.WriteAsync(ticket.DeviceModel);
            await WriteNullableAsync(tickets, ticket.Claimed(InsightsHistory.To) ? ticket.Technician : null, NpgsqlDbType.Text);
            await WriteNullableAsync(tickets, ticket.ArticleSlug, NpgsqlDbType.Text);

            foreach (var message in InsightsHistory.Messages(ticket))
            {
                await messages.StartRowAsync();
                await messages.WriteAsync(ticket.Id, NpgsqlDbType.Bigint);
                await messages.WriteAsync(ticket.Id, NpgsqlDbType.Bigint);
                await messages.WriteAsync(message.Direction);
                await messages.WriteAsync(message.AuthorKind);
                await messages.WriteAsync(ticket.Channel);
                await messages.WriteAsync(message.Text);
                await messages.WriteAsync(message.At.UtcDateTime, NpgsqlDbType.TimestampTz);
            }
        }

        await conversations.CompleteAsync();
        await tickets.CompleteAsync();
        await messages.CompleteAsync();
        // A connection stays in COPY until its importer is disposed.
        await conversations.DisposeAsync();
        await tickets.DisposeAsync();
        await messages.DisposeAsync();
        await WriteEventsAsync(connectionString, history);
        await WriteSelfServiceAsync(conversationsConnection, connectionString, history);
        await using var analyze = new NpgsqlCommand("ANALYZE", ticketsConnection);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The tickets' events, once the tickets are in: on a connection whose triggers fire, so that migration 0019's
    /// trigger counts the technicians' hours as it does for events the app writes.
    /// </summary>
    private static async Task WriteEventsAsync(string connectionString, InsightsHistory history)
    {
        await using var connection = new NpgsqlConnection(WithoutTimeout(connectionString));
        await connection.OpenAsync();
        await using var events = await connection.BeginBinaryImportAsync(
            "COPY ticket_events (ticket_id, at, from_status, to_status, actor, note) FROM STDIN (FORMAT BINARY)");
        foreach (var ticket in history.Tickets())
        {
            foreach (var change in ticket.Events(InsightsHistory.To))
            {
                await events.StartRowAsync();
                await events.WriteAsync(change.TicketId, NpgsqlDbType.Bigint);
                await events.WriteAsync(change.At.UtcDateTime, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(events, change.FromStatus, NpgsqlDbType.Text);
                await events.WriteAsync(change.ToStatus);
                await events.WriteAsync(change.Actor);
                await WriteNullableAsync(events, change.Note, NpgsqlDbType.Text);
            }
        }

        await events.CompleteAsync();
        await events.DisposeAsync();
        await CompactAsync(connection, "technician_work_hours");
    }

    /// <summary>
    /// The conversations the bot fixed, numbered after the tickets' by the identity column; then, once they are in,
    /// their resolutions, on a connection whose triggers fire, so that migration 0020's trigger counts them by month.
    /// </summary>
    private static async Task WriteSelfServiceAsync(NpgsqlConnection conversationsConnection, string connectionString, InsightsHistory history)
    {
        await using (var conversations = await conversationsConnection.BeginBinaryImportAsync(
            "COPY conversations (channel, channel_conversation_id, address, mode, created_at, last_activity_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var resolution in history.SelfServiceResolutions())
            {
                var started = resolution.At.UtcDateTime.AddMinutes(-10);
                await conversations.WriteRowAsync(default, resolution.Channel, $"c-{resolution.ConversationId}", resolution.Address, "bot", started, started);
            }

            await conversations.CompleteAsync();
        }

        await using var connection = new NpgsqlConnection(WithoutTimeout(connectionString));
        await connection.OpenAsync();
        await using (var resolutions = await connection.BeginBinaryImportAsync(
            "COPY self_service_resolutions (conversation_id, article_slug, language, topic, resolved_at, rating) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var resolution in history.SelfServiceResolutions())
            {
                await resolutions.StartRowAsync();
                await resolutions.WriteAsync(resolution.ConversationId, NpgsqlDbType.Bigint);
                await resolutions.WriteAsync(resolution.ArticleSlug);
                await resolutions.WriteAsync(resolution.Language);
                await resolutions.WriteAsync(resolution.Topic);
                await resolutions.WriteAsync(resolution.At.UtcDateTime, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(resolutions, resolution.Rating);
            }

            await resolutions.CompleteAsync();
        }

        await CompactAsync(connection, "self_service_months");
    }

    // Counted one upsert a row in a single load, a summary table is left many times its size in dead rows; a desk that
    // writes its rows over the years has autovacuum reclaim them as it goes. Compact it as that desk's is.
    private static async Task CompactAsync(NpgsqlConnection connection, string table)
    {
        await using var vacuum = new NpgsqlCommand($"VACUUM (FULL, ANALYZE) {table}", connection);
        await vacuum.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(WithoutTimeout(connectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SET session_replication_role = replica", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    // Completing a COPY waits for the server to finish the rows (and their triggers): minutes at this size.
    private static string WithoutTimeout(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ToString();

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type) =>
        value is null ? importer.WriteNullAsync() : importer.WriteAsync(value, type);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, int? value) =>
        value is { } number ? importer.WriteAsync(number, NpgsqlDbType.Integer) : importer.WriteNullAsync();

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, double? value) =>
        value is { } number ? importer.WriteAsync(number, NpgsqlDbType.Double) : importer.WriteNullAsync();

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, DateTime? value, NpgsqlDbType type) =>
        value is { } time ? importer.WriteAsync(time, type) : importer.WriteNullAsync();
}
