using System.Globalization;
using Bot.Data;
using Bot.Data.Tickets;
using Dapper;

namespace Bot.Testing;

/// <summary>
/// A small, fixed help desk for the insights reports, written straight into the tables so that every figure can be
/// worked out by hand. Times are Chicago-local; Thanksgiving (26–27 November 2026) is a holiday; "now" is
/// Tuesday 15 December 2026, noon. The tests that use it spell out the expected figures.
/// </summary>
/// <remarks>
/// Tickets (T7 was opened just before the range, at 23:00 on 31 October, which is 1 November in UTC):
/// <code>
///      channel  category  topic           created          first response    resolved          school      device     where
/// T1   sms      hardware  screen          Mon 11-02 09:00  11-02 10:00 (due 10:00)  11-03 09:00 (due 11-09)  Lincoln     Dell 3110  home 60601
/// T2   webchat  network   wifi            Fri 11-06 15:00  11-09 08:30 (due 08:00)  11-09 16:00 (due 11-10)  Roosevelt   HP G9      school 60602   after article wifi-reconnect
/// T3   sms      network   wifi            Wed 11-25 16:00  11-30 08:00 (due 11:30)  12-01 10:00 (due 12-02 16:00)  Lincoln  —  other   after article wifi-reconnect
/// T4   webchat  software  lms             Tue 12-01 08:00  12-01 09:00      12-01 12:00, reopened 12-02 09:00, resolved 12-03 10:00 (due 12-03 08:00)   after article lms-cache
/// T5   sms      hardware  screen          Thu 12-10 10:00  none (due 12-11 10:00, past)  open (due 12-17 10:00)   Roosevelt   Dell 3110
/// T6   webchat  account   login_password  Tue 12-15 09:00  none (due 12-15 13:00, ahead) new (due 12-16 09:00)
/// </code>
/// Ana goes to Lincoln; Ben to Roosevelt and Washington. Self-service: R1 (Ana, sms, wifi-reconnect, 11-05, rated 5),
/// R2 (unknown sms number, wifi-reconnect, 11-12, rated 4), R3 (Ben, webchat, screen-flicker, 12-02, not rated),
/// R4 (Ana, sms, password-reset, 12-08, rated 1), R5 (Ana, wifi-reconnect, 10-15, before the range, rated 2).
/// </remarks>
public static class InsightsSample
{
    public const string Sam = "sam@district.example.org";
    public const string Lee = "lee@district.example.org";

    public static readonly CalendarOptions CalendarOptions = new()
    {
        TimeZone = "America/Chicago",
        DayStart = new TimeOnly(7, 30),
        DayEnd = new TimeOnly(16, 30),
        Holidays = [new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 27)],
    };

    public static readonly BusinessCalendar Calendar = new(CalendarOptions);

    private static readonly string[] SchoolNames = ["Lincoln", "Roosevelt", "Washington"];

    public static DateTimeOffset Now => Local("2026-12-15 12:00");

    /// <summary>1 November to 15 December 2026, whole district-local days.</summary>
    public static DateTimeOffset From => Calendar.StartOfDay(new DateOnly(2026, 11, 1));

    public static DateTimeOffset To => Calendar.StartOfDay(new DateOnly(2026, 12, 16));

    public static DateTimeOffset Local(string text)
    {
        var local = DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Calendar.TimeZone), TimeSpan.Zero);
    }

    /// <summary>A fresh database holding the sample.</summary>
    public static async Task<TestDatabase> CreateAsync(StorageProvider provider)
    {
        var test = await TestDatabase.CreateAsync(provider);
        await SeedAsync(test.Database);
        return test;
    }

    public static async Task SeedAsync(Database database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var at = Local("2026-10-01 08:00");
        await connection.ExecuteAsync(
            "INSERT INTO schools (sourced_id, name, kind, active, updated_at) VALUES (@Id, @Name, 'school', @Active, @At)",
            SchoolNames.Select(name => new { Id = name.ToLowerInvariant(), Name = name, Active = true, At = at }));
        var ana = await PersonAsync(connection, "ana", "Ana", at);
        var ben = await PersonAsync(connection, "ben", "Ben", at);
        await connection.ExecuteAsync(
            "INSERT INTO person_schools (person_id, school_id) SELECT @Person, id FROM schools WHERE name = @School",
            new[] { new { Person = ana, School = "Lincoln" }, new { Person = ben, School = "Roosevelt" }, new { Person = ben, School = "Washington" } });
        await connection.ExecuteAsync(
            "INSERT INTO person_addresses (person_id, channel, address) VALUES (@Person, @Channel, @Address)",
            new[] { new { Person = ana, Channel = "sms", Address = "+15555550101" }, new { Person = ben, Channel = "webchat", Address = "web-ben" } });
        var dell = await DeviceAsync(connection, "MV-1", "Dell 3110", at);
        var hp = await DeviceAsync(connection, "MV-2", "HP G9", at);
        var anaSms = await ConversationAsync(connection, "sms", "+15555550101", at);
        var benWeb = await ConversationAsync(connection, "webchat", "web-ben", at);
        var strangerSms = await ConversationAsync(connection, "sms", "+15555550199", at);

        var t1 = await TicketAsync(connection, new("sms", "hardware", "screen", "resolved", anaSms, "2026-11-02 09:00", "2026-11-02 10:00", "2026-11-02 10:00", "2026-11-09 09:00", "2026-11-03 09:00") { Person = ana, Device = dell, Where = "home", Zip = "60601", Assignee = Sam });
        var t2 = await TicketAsync(connection, new("webchat", "network", "wifi", "resolved", benWeb, "2026-11-06 15:00", "2026-11-09 08:30", "2026-11-09 08:00", "2026-11-10 15:00", "2026-11-09 16:00") { Person = ben, Device = hp, Where = "school", Zip = "60602", Article = "wifi-reconnect", Assignee = Lee });
        var t3 = await TicketAsync(connection, new("sms", "network", "wifi", "resolved", anaSms, "2026-11-25 16:00", "2026-11-30 08:00", "2026-11-30 11:30", "2026-12-02 16:00", "2026-12-01 10:00") { Person = ana, Where = "other", Article = "wifi-reconnect", Assignee = Sam });
        var t4 = await TicketAsync(connection, new("webchat", "software", "lms", "resolved", benWeb, "2026-12-01 08:00", "2026-12-01 09:00", "2026-12-01 12:00", "2026-12-03 08:00", "2026-12-03 10:00") { Article = "lms-cache", Assignee = Lee });
        var t5 = await TicketAsync(connection, new("sms", "hardware", "screen", "open", anaSms, "2026-12-10 10:00", null, "2026-12-11 10:00", "2026-12-17 10:00", null) { Person = ben, Device = dell, Assignee = Lee });
        await TicketAsync(connection, new("webchat", "account", "login_password", "new", benWeb, "2026-12-15 09:00", null, "2026-12-15 13:00", "2026-12-16 09:00", null));
        await TicketAsync(connection, new("sms", "hardware", "screen", "resolved", anaSms, "2026-10-31 23:00", "2026-11-02 08:00", "2026-11-02 08:00", "2026-11-06 08:00", "2026-11-02 09:00") { Person = ana, Device = dell });

        await EventsAsync(connection, [
            (t1, "2026-11-02 09:30", "new", "open", Sam, $"claimed by {Sam}"),
            (t1, "2026-11-03 09:00", "open", "resolved", Sam, "replaced the screen"),
            (t2, "2026-11-06 16:00", "new", "open", Lee, $"claimed by {Lee}"),
            (t2, "2026-11-09 10:00", "open", "open", Lee, "note: asked for the router model"),
            (t2, "2026-11-09 16:00", "open", "resolved", Lee, "reset the profile"),
            (t3, "2026-11-30 07:45", "new", "new", "admin@district.example.org", $"assigned to {Sam}"),
            (t3, "2026-12-01 10:00", "open", "resolved", Sam, "new hotspot"),
            (t4, "2026-12-01 08:30", "new", "open", Sam, $"claimed by {Sam}"),
            (t4, "2026-12-01 12:00", "open", "resolved", Sam, "cleared the cache"),
            (t4, "2026-12-02 09:00", "resolved", "open", Lee, null),
            (t4, "2026-12-03 10:00", "open", "resolved", Lee, "reinstalled the app"),
            (t5, "2026-12-10 11:00", "new", "open", Lee, $"claimed by {Lee}"),
        ]);

        await connection.ExecuteAsync(
            "INSERT INTO self_service_resolutions (conversation_id, article_slug, language, topic, resolved_at, rating) VALUES (@Conversation, @Slug, 'en', @Topic, @At, @Rating)",
            new[]
            {
                new { Conversation = anaSms, Slug = "wifi-reconnect", Topic = "wifi", At = Local("2026-11-05 10:00"), Rating = (int?)5 },
                new { Conversation = strangerSms, Slug = "wifi-reconnect", Topic = "wifi", At = Local("2026-11-12 10:00"), Rating = (int?)4 },
                new { Conversation = benWeb, Slug = "screen-flicker", Topic = "screen", At = Local("2026-12-02 10:00"), Rating = (int?)null },
                new { Conversation = anaSms, Slug = "password-reset", Topic = "login_password", At = Local("2026-12-08 10:00"), Rating = (int?)1 },
                new { Conversation = anaSms, Slug = "wifi-reconnect", Topic = "wifi", At = Local("2026-10-15 10:00"), Rating = (int?)2 },
            });
    }

    private static Task<long> PersonAsync(System.Data.Common.DbConnection connection, string id, string name, DateTimeOffset at) =>
        connection.ExecuteScalarAsync<long>(
            "INSERT INTO people (sourced_id, role, given_name, family_name, active, updated_at) VALUES (@Id, 'student', @Name, 'Sample', @Active, @At) RETURNING id",
            new { Id = id, Name = name, Active = true, At = at });

    private static Task<long> DeviceAsync(System.Data.Common.DbConnection connection, string tag, string model, DateTimeOffset at) =>
        connection.ExecuteScalarAsync<long>(
            "INSERT INTO devices (asset_tag, model, kind, status, updated_at) VALUES (@Tag, @Model, 'chromebook', 'loaned', @At) RETURNING id",
            new { Tag = tag, Model = model, At = at });

    private static Task<long> ConversationAsync(System.Data.Common.DbConnection connection, string channel, string address, DateTimeOffset at) =>
        connection.ExecuteScalarAsync<long>(
            "INSERT INTO conversations (channel, channel_conversation_id, address, created_at, last_activity_at) VALUES (@Channel, @Address, @Address, @At, @At) RETURNING id",
            new { Channel = channel, Address = address, At = at });

    private static Task<long> TicketAsync(System.Data.Common.DbConnection connection, SampleTicket ticket) =>
        connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO tickets (status, category, topic, priority, channel, conversation_id, requester_address, language,
                summary, article_slug, created_at, first_response_due_at, resolution_due_at, first_response_at, resolved_at,
                assignee, person_id, device_id, location_kind, location_zip)
            VALUES (@Status, @Category, @Topic, 'normal', @Channel, @Conversation, 'sample', 'en', 'sample', @Article, @CreatedAt,
                @FirstResponseDueAt, @ResolutionDueAt, @FirstResponseAt, @ResolvedAt, @Assignee, @Person, @Device, @Where, @Zip)
            RETURNING id
            """,
            new
            {
                ticket.Status,
                ticket.Category,
                ticket.Topic,
                ticket.Channel,
                ticket.Conversation,
                ticket.Article,
                CreatedAt = Local(ticket.Created),
                FirstResponseDueAt = Local(ticket.FirstResponseDue),
                ResolutionDueAt = Local(ticket.ResolutionDue),
                FirstResponseAt = ticket.FirstResponse is null ? (DateTimeOffset?)null : Local(ticket.FirstResponse),
                ResolvedAt = ticket.Resolved is null ? (DateTimeOffset?)null : Local(ticket.Resolved),
                ticket.Assignee,
                ticket.Person,
                ticket.Device,
                ticket.Where,
                ticket.Zip,
            });

    private static Task<int> EventsAsync(System.Data.Common.DbConnection connection, (long Ticket, string At, string From, string To, string Actor, string? Note)[] events) =>
        connection.ExecuteAsync(
            "INSERT INTO ticket_events (ticket_id, at, from_status, to_status, actor, note) VALUES (@Ticket, @At, @From, @To, @Actor, @Note)",
            events.Select(e => new { e.Ticket, At = Local(e.At), e.From, e.To, e.Actor, e.Note }));

    private sealed record SampleTicket(
        string Channel, string Category, string Topic, string Status, long Conversation, string Created, string? FirstResponse,
        string FirstResponseDue, string ResolutionDue, string? Resolved)
    {
        public long? Person { get; init; }

        public long? Device { get; init; }

        public string? Where { get; init; }

        public string? Zip { get; init; }

        public string? Article { get; init; }

        public string? Assignee { get; init; }
    }
}
