using Bot.Data;
using Dapper;

namespace Bot.Testing;

/// <summary>
/// Writes schools, people, devices and tickets straight into a test database, so that tests can lay out a history of
/// tickets at chosen times without going through the dialogs.
/// </summary>
public sealed class TicketHistory(Database database)
{
    private static readonly DateTimeOffset Written = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long? conversationId;
    private int people;
    private int devices;

    public async Task<long> SchoolAsync(string name) =>
        await ScalarAsync(
            "INSERT INTO schools (sourced_id, name, kind, active, updated_at) VALUES (@SourcedId, @Name, 'school', @Active, @At) RETURNING id",
            new { SourcedId = $"school-{name}", Name = name, Active = true, At = Written });

    public async Task<long> StudentAtAsync(long schoolId)
    {
        var id = await ScalarAsync(
            "INSERT INTO people (sourced_id, role, given_name, family_name, active, updated_at) VALUES (@SourcedId, 'student', 'Test', 'Student', @Active, @At) RETURNING id",
            new { SourcedId = $"student-{++people}", Active = true, At = Written });
        await ScalarAsync("INSERT INTO person_schools (person_id, school_id) VALUES (@PersonId, @SchoolId) RETURNING person_id", new { PersonId = id, SchoolId = schoolId });
        return id;
    }

    public async Task<long> DeviceAsync(string model) =>
        await ScalarAsync(
            "INSERT INTO devices (asset_tag, model, kind, status, updated_at) VALUES (@Tag, @Model, 'chromebook', 'loaned', @At) RETURNING id",
            new { Tag = $"HX-{++devices}", Model = model, At = Written });

    /// <summary>Opens one ticket per time in <paramref name="times"/>, all alike; returns their ids in order.</summary>
    public async Task<IReadOnlyList<long>> TicketsAsync(string topic, IEnumerable<DateTimeOffset> times, string? zip = null, long? deviceId = null, long? personId = null)
    {
        var conversation = conversationId ??= await ScalarAsync(
            "INSERT INTO conversations (channel, channel_conversation_id, address, created_at, last_activity_at) VALUES ('sms', 'history', '+15555550100', @At, @At) RETURNING id",
            new { At = Written });
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var ids = new List<long>();
        foreach (var at in times)
        {
            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO tickets (status, category, topic, priority, channel, conversation_id, requester_address, language,
                                     location_kind, location_zip, summary, created_at, first_response_due_at, resolution_due_at, person_id, device_id)
                VALUES ('new', 'other', @Topic, 'normal', 'sms', @Conversation, '+15555550100', 'en',
                        @Kind, @Zip, 'generated', @At, @At, @At, @PersonId, @DeviceId)
                RETURNING id
                """,
                new { Topic = topic, Conversation = conversation, Kind = zip is null ? null : "home", Zip = zip, At = at, PersonId = personId, DeviceId = deviceId },
                transaction);
            await connection.ExecuteAsync("UPDATE tickets SET number = @Number WHERE id = @Id", new { Number = $"T-{id}", Id = id }, transaction);
            ids.Add(id);
        }

        await transaction.CommitAsync();
        return ids;
    }

    /// <summary><paramref name="count"/> times spread evenly over the day that starts at <paramref name="day"/>.</summary>
    public static IEnumerable<DateTimeOffset> SpreadOver(DateTimeOffset day, int count) =>
        Enumerable.Range(0, count).Select(i => day + TimeSpan.FromHours(24.0 * (i + 0.5) / count));

    private async Task<long> ScalarAsync(string sql, object args)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }
}
