using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bot.Data;
using Bot.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench;

/// <summary>
/// Replies per second through <c>/api/messages</c> (the app's adapter, middleware and SQLite storage, with a bot that
/// answers each message once, replies over HTTP to a local Bot Connector), once with the app's authentication
/// (connector clients share one contract resolver) and once with the stock <see cref="ConfigurationBotFrameworkAuthentication"/>.
/// </summary>
internal static class ReplyCostBenchmark
{
    public static async Task RunAsync(int messages, int conversations)
    {
        System.Console.WriteLine($"{messages} messages over {conversations} conversations in parallel; {Environment.ProcessorCount} cores");
        System.Console.WriteLine($"{"variant",-28} {"replies",8} {"seconds",8} {"replies/s",10} {"CPU ms/reply",13}");
        foreach (var (name, stock) in new[] { ("stock CloudAdapter auth", true), ("shared contract resolver", false), ("stock CloudAdapter auth", true), ("shared contract resolver", false) })
        {
            var result = await MeasureAsync(stock, messages, conversations);
            System.Console.WriteLine($"{name,-28} {result.Replies,8} {result.Seconds,8:F2} {result.Replies / result.Seconds,10:F0} {result.CpuMs / result.Replies,13:F2}");
        }
    }

    /// <summary>Replies per second of the stock configuration, for comparison with other benchmarks.</summary>
    public static async Task<double> StockEchoRateAsync(int conversations)
    {
        var result = await MeasureAsync(stock: true, messages: conversations * 10, conversations);
        return result.Replies / result.Seconds;
    }

    private static async Task<(int Replies, double Seconds, double CpuMs)> MeasureAsync(bool stock, int messages, int conversations)
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Benchmark");
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Sqlite",
                ["ConnectionStrings:Bot"] = database.ConnectionString,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Samples:ImportWhenEmpty"] = "false",
            }));
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IBot, EchoBot>();
                if (stock)
                {
                    services.AddSingleton<BotFrameworkAuthentication>(provider =>
                        new ConfigurationBotFrameworkAuthentication(provider.GetRequiredService<IConfiguration>()));
                }
            });
        });
        using var client = app.CreateClient();

        // Warm up: the first turn of each conversation creates its rows.
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(c => PostAsync(client, connector, c, "hello")));
        await DrainAsync(connector, conversations);

        var perConversation = messages / conversations;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(async c =>
        {
            for (var i = 0; i < perConversation; i++)
            {
                await PostAsync(client, connector, c, $"message {i}");
            }
        }));
        var replies = await DrainAsync(connector, perConversation * conversations);
        clock.Stop();
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        return (replies, clock.Elapsed.TotalSeconds, cpuMs);
    }

    /// <summary>One reply per message: the reply path is what is measured, not the dialogs.</summary>
    private sealed class EchoBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync(MessageFactory.Text($"Echo: {turnContext.Activity.Text}"), cancellationToken);
    }

    private static async Task PostAsync(HttpClient client, BotConnectorServer connector, int conversation, string text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "emulator",
            ["serviceUrl"] = connector.ServiceUrl.ToString(),
            ["from"] = new JsonObject { ["id"] = $"user-{conversation}" },
            ["recipient"] = new JsonObject { ["id"] = "desk-bot" },
            ["conversation"] = new JsonObject { ["id"] = $"bench-{conversation}" },
            ["text"] = text,
        };
        using var response = await client.PostAsJsonAsync("/api/messages", activity);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<int> DrainAsync(BotConnectorServer connector, int expected)
    {
        for (var i = 0; i < expected; i++)
        {
            await connector.NextAsync(TimeSpan.FromSeconds(30));
        }

        return expected;
    }
}
