using System.Globalization;

namespace Bot.Bench;

/// <summary><c>dotnet run -c Release --project bench/Bot.Bench -- replies [messages] [conversations]</c></summary>
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
            default:
                await Console.Error.WriteLineAsync($"Unknown benchmark '{args[0]}'. Known: replies.");
                return 2;
        }
    }
}
