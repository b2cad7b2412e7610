using System.Globalization;
using Bot.Data;

namespace Bot.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Bot.Bench -- replies [messages] [conversations]</c>; <c>-- sms [phones] [waves]</c>;
/// <c>-- kb [Sqlite|Postgres] [threshold]</c>; <c>-- kb-sweep [Sqlite|Postgres] [dev|heldout]</c>;
/// <c>-- insights-history [Sqlite|Postgres] [tickets] [--db path-or-name]</c>.
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault() ?? "replies")
        {
            case "replies":
                var messages = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
                var conversations = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
                await ReplyCostBenchmark.RunAsync(messages, conversations);
                return 0;
            case "sms":
                var phones = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
                var waves = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
                var sms = await SmsLoadBenchmark.RunAsync(phones, waves);
                var echo = await ReplyCostBenchmark.StockEchoRateAsync(phones);
                System.Console.WriteLine($"stock CloudAdapter echo bot, same machine, {phones} conversations: {echo:F0} replies/s; SMS support turns / echo replies = {sms / echo:F2}");
                return 0;
            case "kb":
                await KnowledgeSearchBenchmark.RunAsync(Provider(args), args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : null);
                return 0;
            case "kb-sweep":
                await KnowledgeSearchBenchmark.SweepAsync(Provider(args), args.Length > 2 ? args[2] : "dev");
                return 0;
            case "insights-history":
                // --db PATH keeps the generated history (a SQLite file, or a PostgreSQL database name) and reuses it next time.
                var at = Array.IndexOf(args, "--db");
                var kept = at > 0 && at + 1 < args.Length ? args[at + 1] : null;
                args = at > 0 ? [.. args[..at], .. args[Math.Min(at + 2, args.Length)..]] : args;
                var tickets = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;
                await InsightsHistoryBenchmark.RunAsync(Provider(args), tickets, kept);
                return 0;
            case "kb-memory":
                await KnowledgeSearchBenchmark.MemoryChildAsync(Provider(args), args.Length > 2 && args[2] == "on");
                return 0;
            default:
                await System.Console.Error.WriteLineAsync($"Unknown benchmark '{args[0]}'. Known: replies, sms, kb, kb-sweep, insights-history.");
                return 2;
        }
    }

    private static StorageProvider Provider(string[] args) =>
        args.Length > 1 ? Enum.Parse<StorageProvider>(args[1], ignoreCase: true) : StorageProvider.Sqlite;
}
