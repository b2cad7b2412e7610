using Microsoft.Data.Sqlite;

namespace Bot.Bench;

/// <summary>
/// Writes an <see cref="InsightsHistory"/> into a migrated SQLite file: prepared commands reused for every row, large
/// transactions, and no per-row foreign-key checks or syncs (the generator keeps its rows consistent itself).
/// </summary>
internal static class SqliteHistoryWriter
{
    private const int RowsPerTransaction = 500_000;

    public static void Write(string connectionString, InsightsHistory history)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = false, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Run(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -524288; PRAGMA temp_store = MEMORY;");
        var at = InsightsHistory.From;

        var transaction = connection.BeginTransaction();
        var schools = Prepare(connection, transaction, "INSERT INTO schools (id, sourced_id, name, kind, active, updated_at) VALUES ($1, $2, $3, 'school', 1, $4)", 4);
        for (var school = 0; school < InsightsHistory.Schools; school++)
        {
            Exec(schools, school + 1, $"school-{school + 1}", InsightsHistory.SchoolName(school), at);
        }

        var people = Prepare(connection, transaction, "INSERT INTO people (id, sourced_id, role, given_name, family_name, active, updated_at) VALUES ($1, $2, 'student', 'Student', $3, 1, $4)", 4);
        var enrolments = Prepare(connection, transaction, "INSERT INTO person_schools (person_id, school_id) VALUES ($1, $2)", 2);
        var devices = Prepare(connection, transaction, "INSERT INTO devices (id, asset_tag, serial_number, model, kind, status, school_id, updated_at) VALUES ($1, $2, $3, $4, $5, 'loaned', $6, $7)", 7);
        for (var student = 0; student < InsightsHistory.Students; student++)
        {
            var model = InsightsHistory.Models[InsightsHistory.ModelOf(student)];
            Exec(people, student + 1, $"student-{student + 1}", $"Number {student + 1}", at);
            Exec(enrolments, student + 1, InsightsHistory.SchoolOf(student) + 1);
            Exec(devices, student + 1, $"MV-{student + 1:000000}", $"SN{student + 1:00000000}", model.Model, model.Kind, InsightsHistory.SchoolOf(student) + 1, at);
        }

        transaction.Commit();
        transaction = connection.BeginTransaction();
        var conversations = Prepare(connection, transaction, "INSERT INTO conversations (id, channel, channel_conversation_id, address, created_at, last_activity_at) VALUES ($1, $2, $3, $4, $5, $5)", 5);
        var tickets = Prepare(connection, transaction, """
            INSERT INTO tickets (id, number, status, category, topic, priority, channel, conversation_id, requester_address, language,
                                 device_asset_tag, location_kind, location_zip, summary, created_at, first_response_due_at, resolution_due_at,
                                 first_response_at, resolved_at, resolved_by, person_id, device_id,
                                 first_response_business_hours, resolution_business_hours, school_id, device_model, assignee, article_slug)
            VALUES ($1, $2, $3, $4, $5, 'normal', $6, $1, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
            """, 26);
        var messages = Prepare(connection, transaction, "INSERT INTO messages (conversation_id, ticket_id, direction, author_kind, channel, text, at) VALUES ($1, $1, $2, $3, $4, $5, $6)", 6);
        var events = Prepare(connection, transaction, "INSERT INTO ticket_events (ticket_id, at, from_status, to_status, actor, note) VALUES ($1, $2, $3, $4, $5, $6)", 6);
        var rows = 0;
        foreach (var ticket in history.Tickets())
        {
            var resolved = ticket.Resolved(InsightsHistory.To);
            Exec(conversations, ticket.Id, ticket.Channel, $"c-{ticket.Id}", ticket.Address, ticket.CreatedAt.AddMinutes(-20));
            Exec(
                tickets, ticket.Id, ticket.Number, ticket.Status(InsightsHistory.To), ticket.Category, ticket.Topic, ticket.Channel, ticket.Address, ticket.Language,
                $"MV-{ticket.DeviceId:000000}", ticket.LocationKind, ticket.Zip, $"{ticket.Topic} problem", ticket.CreatedAt, ticket.CreatedAt.AddHours(8),
                ticket.CreatedAt.AddDays(3), resolved ? ticket.FirstResponseAt : null, resolved ? ticket.ResolvedAt : null,
                resolved ? "technician" : null, ticket.PersonId, ticket.DeviceId,
                resolved ? ticket.BusinessHoursTo(ticket.FirstResponseAt) : null, resolved ? ticket.BusinessHoursTo(ticket.ResolvedAt) : null,
                ticket.SchoolId, ticket.DeviceModel, ticket.Claimed(InsightsHistory.To) ? ticket.Technician : null, ticket.ArticleSlug);
            foreach (var message in InsightsHistory.Messages(ticket))
            {
                Exec(messages, ticket.Id, message.Direction, message.AuthorKind, ticket.Channel, message.Text, message.At);
                rows++;
            }

            foreach (var change in ticket.Events(InsightsHistory.To))
            {
                Exec(events, change.TicketId, change.At, change.FromStatus, change.ToStatus, change.Actor, change.Note);
                rows++;
            }

            if (++rows >= RowsPerTransaction)
            {
                transaction = Renew(transaction, conversations, tickets, messages, events);
                rows = 0;
            }
        }

        var resolutions = Prepare(connection, transaction, "INSERT INTO self_service_resolutions (conversation_id, article_slug, language, topic, resolved_at, rating) VALUES ($1, $2, $3, $4, $5, $6)", 6);
        foreach (var resolution in history.SelfServiceResolutions())
        {
            Exec(conversations, resolution.ConversationId, resolution.Channel, $"c-{resolution.ConversationId}", resolution.Address, resolution.At.AddMinutes(-10));
            Exec(resolutions, resolution.ConversationId, resolution.ArticleSlug, resolution.Language, resolution.Topic, resolution.At, resolution.Rating);
            if ((rows += 2) >= RowsPerTransaction)
            {
                transaction = Renew(transaction, conversations, resolutions);
                rows = 0;
            }
        }

        transaction.Commit();
        Run(connection, "ANALYZE");
    }

    private static SqliteTransaction Renew(SqliteTransaction transaction, params SqliteCommand[] commands)
    {
        var connection = transaction.Connection!;
        transaction.Commit();
        transaction = connection.BeginTransaction();
        foreach (var command in commands)
        {
            command.Transaction = transaction;
        }

        return transaction;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 1; i <= parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter($"${i}", null));
        }

        command.Prepare();
        return command;
    }

    private static void Exec(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                // Stored as the app stores times: UTC, ISO-8601 text.
                DateTimeOffset time => time.ToUniversalTime(),
                var value => value,
            };
        }

        command.ExecuteNonQuery();
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
