using Bot.Data.Tickets;

namespace Bot.Bench;

/// <summary>
/// A synthetic district's ticket history over three school years (August 2023 to July 2026), generated from a fixed
/// seed: schools with their ZIPs, students each with a lent device, and tickets whose daily volume follows the school
/// calendar (a surge in the first weeks of each year, quiet winter and spring breaks, a summer lull, fewer on
/// weekends), with the messages of each ticket's conversation. Rows are produced as they are written, never held.
/// </summary>
internal sealed class InsightsHistory
{
    public static readonly DateTimeOffset From = new(2023, 8, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset To = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);
    public const int Schools = 40;
    public const int Students = 60_000;
    public const int MessagesPerTicket = 10;
    public const int Technicians = 12;

    /// <summary>Out of 10 tickets, how many people had first followed an article ("not fixed", then a ticket).</summary>
    public const int EscalatedFromArticlePerTen = 6;

    /// <summary>Out of 10 tickets, how many other conversations the bot fixed with an article (a deflection of 3 in 8).</summary>
    public const int SelfServicePerTen = 6;

    /// <summary>Topic, its category (as in sla_policies), and its share of tickets.</summary>
    public static readonly (string Topic, string Category, int Weight)[] Topics =
    [
        ("wifi", "network", 12), ("power", "hardware", 8), ("screen", "hardware", 7), ("keyboard_trackpad", "hardware", 5),
        ("hotspot", "network", 6), ("login_password", "account", 12), ("mfa", "account", 4), ("video_meeting", "software", 4),
        ("lms", "software", 6), ("slow", "software", 5), ("update", "software", 3), ("printing", "software", 2),
        ("audio", "hardware", 3), ("camera", "hardware", 2), ("storage", "software", 2), ("browser", "software", 4),
        ("app_install", "software", 2), ("damage_repair", "hardware", 6), ("lost_stolen", "hardware", 2),
        ("return_pickup", "user-training", 2), ("accessibility", "user-training", 1), ("bluetooth", "user-error", 1),
        ("charger", "hardware", 5), ("other", "other", 3),
    ];

    /// <summary>Model, kind, share of the fleet.</summary>
    public static readonly (string Model, string Kind, int Weight)[] Models =
    [
        ("Dell Chromebook 3110", "chromebook", 30), ("Lenovo 100e Chromebook Gen 4", "chromebook", 20), ("HP Chromebook 11 G9 EE", "chromebook", 15),
        ("Acer Chromebook 311", "chromebook", 10), ("Dell Latitude 3140", "windows", 10), ("Lenovo 300w Gen 4", "windows", 5),
        ("Kajeet SmartSpot hotspot", "hotspot", 6), ("T-Mobile Inseego 5G hotspot", "hotspot", 4),
    ];

    private static readonly string[] SchoolKinds = ["Elementary", "Middle", "High"];
    private static readonly string[] SchoolNames =
    [
        "Maple Valley", "Cedar Ridge", "Oak Park", "Willow Creek", "Pine Hill", "Riverside", "Lakeview", "Sunnyside", "Brookfield", "Fairview",
        "Highland", "Meadowbrook", "Stonebridge", "Westwood", "Eastgate", "Northfield", "Southpoint", "Hillcrest", "Greenway", "Bayview",
    ];

    private static readonly string[] UserLines =
    [
        "my chromebook won't turn on", "the wifi keeps dropping", "can't log in to canvas", "screen is cracked", "hotspot has no signal",
        "el wifi no agarra", "keyboard keys stopped working", "it says password expired", "camera is black in meet", "it is really slow",
    ];

    private static readonly string[] BotLines =
    [
        "Hi! What's going on?", "Let's try this: hold the power button for 10 seconds.", "Did that fix it?", "Which school is it for?",
        "Where is the device right now: home, school, or somewhere else?", "Thanks. I've opened a ticket for you.",
    ];

    private readonly int tickets;

    public InsightsHistory(int tickets) => this.tickets = tickets;

    public int TicketCount => tickets;

    public static string SchoolName(int school) =>
        $"{SchoolNames[school % SchoolNames.Length]}{(school >= SchoolNames.Length ? " North" : "")} {SchoolKinds[school < 28 ? 0 : school < 36 ? 1 : 2]}";

    public static string SchoolZip(int school, int which) => $"750{(school * 3 + (which * 17)) % 50:00}";

    /// <summary>Student i (0-based) attends school i mod 40 and was lent device i.</summary>
    public static int SchoolOf(int student) => student % Schools;

    public static int ModelOf(int device)
    {
        var slot = (int)((device * 2654435761L) % 100);
        var sum = 0;
        for (var i = 0; i < Models.Length; i++)
        {
            sum += Models[i].Weight;
            if (slot < sum)
            {
                return i;
            }
        }

        return Models.Length - 1;
    }

    /// <summary>How busy a day is relative to an ordinary school weekday.</summary>
    public static double DayWeight(DateTime day)
    {
        var weight = 1.0;
        var yearStart = new DateTime(day.Month >= 8 ? day.Year : day.Year - 1, 8, 15);
        var sinceStart = (day - yearStart).TotalDays;
        if (day.Month is 6 or 7 || (day.Month == 8 && day.Day < 15))
        {
            weight = 0.12; // summer: summer school and returns only
        }
        else if (sinceStart < 21)
        {
            weight = 3.0 - (sinceStart / 10.5); // devices handed out: three times the usual, easing over three weeks
        }
        else if ((day.Month == 12 && day.Day >= 20) || (day.Month == 1 && day.Day <= 3))
        {
            weight = 0.25; // winter break
        }
        else if (day.Month == 3 && day.Day >= 11 && day.Day <= 17)
        {
            weight = 0.35; // spring break
        }

        return day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? weight * 0.3 : weight;
    }

    /// <summary>The tickets in time order; ids are 1-based and follow that order.</summary>
    public IEnumerable<TicketRow> Tickets()
    {
        var random = new Random(20230801);
        var days = Enumerable.Range(0, (int)(To - From).TotalDays).Select(i => From.AddDays(i)).ToList();
        var weights = days.Select(day => DayWeight(day.UtcDateTime)).ToList();
        var total = weights.Sum();
        var topicTotal = Topics.Sum(topic => topic.Weight);
        long id = 0;
        var carried = 0.0;
        for (var d = 0; d < days.Count; d++)
        {
            var exact = (tickets * weights[d] / total) + carried;
            var count = (int)Math.Floor(exact);
            carried = exact - count;
            if (d == days.Count - 1)
            {
                count = (int)(tickets - id);
            }

            // 7 am to 11 pm in the district (UTC-6): 13:00 to 05:00 UTC, sorted so ids follow time.
            var offsets = Enumerable.Range(0, count).Select(_ => TimeSpan.FromHours(13 + (random.NextDouble() * 16))).Order().ToList();
            foreach (var offset in offsets)
            {
                id++;
                var student = random.Next(Students);
                var model = Models[ModelOf(student)];
                var topic = model.Kind == "hotspot" && random.NextDouble() < 0.7 ? Topics[4] : PickTopic(random, topicTotal);
                var school = SchoolOf(student);
                var where = random.NextDouble();
                yield return new TicketRow(
                    id,
                    topic.Topic,
                    topic.Category,
                    random.NextDouble() < 0.7 ? "sms" : random.NextDouble() < 0.6 ? "webchat" : "msteams",
                    random.NextDouble() < 0.3 ? "es" : "en",
                    where < 0.7 ? "home" : where < 0.9 ? "school" : "other",
                    where < 0.9 ? SchoolZip(school, where < 0.35 ? 0 : where < 0.6 ? 1 : 2) : null,
                    student + 1,
                    student + 1,
                    days[d] + offset);
            }
        }
    }

    /// <summary>The messages of one ticket's conversation: 4 to 16 of them, 10 on average.</summary>
    public static IEnumerable<(string Direction, string AuthorKind, string Text, DateTimeOffset At)> Messages(TicketRow ticket)
    {
        var count = 4 + (int)(ticket.Id * 7919 % 13);
        for (var i = 0; i < count; i++)
        {
            var fromUser = i % 2 == 0;
            var text = fromUser ? UserLines[(ticket.Id + i) % UserLines.Length] : BotLines[(ticket.Id + i) % BotLines.Length];
            yield return (fromUser ? "in" : "out", fromUser ? "user" : "bot", text, ticket.CreatedAt.AddMinutes(i - count));
        }
    }

    /// <summary>
    /// The conversations the bot fixed on its own, in time order: about <see cref="SelfServicePerTen"/> for every 10
    /// tickets, on the same days, topics, channels and languages, each in its own conversation numbered after the
    /// tickets' (conversation i is ticket i's), and four in ten of them rated, mostly well.
    /// </summary>
    public IEnumerable<SelfServiceRow> SelfServiceResolutions()
    {
        var conversation = (long)tickets;
        foreach (var ticket in Tickets())
        {
            var hash = Hash(ticket.Id, 7);
            if (hash % 10 >= SelfServicePerTen)
            {
                continue;
            }

            var rated = hash / 10 % 10 < 4;
            var rating = (hash / 100 % 100) switch { < 45 => 5, < 70 => 4, < 82 => 3, < 90 => 2, _ => 1 };
            yield return new SelfServiceRow(
                ++conversation, ticket.Channel, $"+1556{(ticket.Id % 10_000_000):0000000}", ArticleSlug(ticket.Topic, hash / 10_000), ticket.Language,
                ticket.Topic, ticket.CreatedAt.AddMinutes(-45), rated ? rating : null);
        }
    }

    /// <summary>Each topic's two articles, as the knowledge base names them.</summary>
    public static string ArticleSlug(string topic, long which) => $"{topic.Replace('_', '-')}-{(which % 3 == 0 ? "advanced" : "basics")}";

    /// <summary>The technician who handles something numbered <paramref name="id"/>.</summary>
    public static string Technician(long id) => $"tech{Hash(id, 3) % Technicians + 1:00}@district.example";

    /// <summary>A well-mixed, non-negative number from an id and a salt, so that the shares above do not follow the ids.</summary>
    public static long Hash(long id, long salt)
    {
        var x = (ulong)(id * 31 + salt) * 0x9E3779B97F4A7C15UL;
        x ^= x >> 31;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 29;
        return (long)(x >> 1);
    }

    private static (string Topic, string Category, int Weight) PickTopic(Random random, int total)
    {
        var pick = random.Next(total);
        foreach (var topic in Topics)
        {
            pick -= topic.Weight;
            if (pick < 0)
            {
                return topic;
            }
        }

        return Topics[^1];
    }
}

/// <summary>One row of ticket_events.</summary>
internal sealed record TicketEventRow(long TicketId, DateTimeOffset At, string? FromStatus, string ToStatus, string Actor, string? Note);

/// <summary>A conversation the bot fixed with an article, and the row of self_service_resolutions it left.</summary>
internal sealed record SelfServiceRow(
    long ConversationId, string Channel, string Address, string ArticleSlug, string Language, string Topic, DateTimeOffset At, int? Rating);

internal sealed record TicketRow(
    long Id, string Topic, string Category, string Channel, string Language, string LocationKind, string? Zip, long PersonId, long DeviceId, DateTimeOffset CreatedAt)
{
    public string Number => $"T-{Id}";

    public string Address => $"+1555{(PersonId % 10_000_000):0000000}";

    // The benchmark's reports run on the default calendar, so the stored hours are worked out on it too.
    private static readonly BusinessCalendar Calendar = new(new CalendarOptions());

    /// <summary>Older tickets are resolved; the last fortnight's are still in the queue.</summary>
    public bool Resolved(DateTimeOffset end) => CreatedAt < end.AddDays(-14);

    /// <summary>Resolved tickets were claimed first; of those still in the queue, half of those over a day old are.</summary>
    public bool Claimed(DateTimeOffset end) => Resolved(end) || (CreatedAt < end.AddDays(-1) && InsightsHistory.Hash(Id, 5) % 2 == 0);

    public string Status(DateTimeOffset end) => Resolved(end) ? "resolved" : Claimed(end) ? "open" : "new";

    public string Technician => InsightsHistory.Technician(Id);

    public DateTimeOffset ClaimedAt => CreatedAt.AddHours(2);

    /// <summary>The article the person had tried before the ticket ("not fixed"), for six tickets in ten.</summary>
    public string? ArticleSlug => InsightsHistory.Hash(Id, 11) % 10 < InsightsHistory.EscalatedFromArticlePerTen
        ? InsightsHistory.ArticleSlug(Topic, InsightsHistory.Hash(Id, 13))
        : null;

    /// <summary>What TicketStore and TicketActions log: opened by the bot, claimed, resolved.</summary>
    public IEnumerable<TicketEventRow> Events(DateTimeOffset end)
    {
        yield return new TicketEventRow(Id, CreatedAt, null, "new", "bot", null);
        if (Claimed(end))
        {
            yield return new TicketEventRow(Id, ClaimedAt, "new", "open", Technician, $"claimed by {Technician}");
        }

        if (Resolved(end))
        {
            yield return new TicketEventRow(Id, ResolvedAt, "open", "resolved", Technician, "Walked them through the fix");
        }
    }

    public DateTimeOffset FirstResponseAt => CreatedAt.AddHours(3);

    /// <summary>What TicketStore keeps: the person's only school (ids follow the order written), and the device's model.</summary>
    public long SchoolId => InsightsHistory.SchoolOf((int)PersonId - 1) + 1;

    public string DeviceModel => InsightsHistory.Models[InsightsHistory.ModelOf((int)DeviceId - 1)].Model;

    public DateTimeOffset ResolvedAt => CreatedAt.AddDays(1);

    /// <summary>What TicketActions stores when the ticket is answered or resolved at <paramref name="at"/>.</summary>
    public double BusinessHoursTo(DateTimeOffset at) => Calendar.BusinessTimeBetween(CreatedAt, at).TotalHours;
}
