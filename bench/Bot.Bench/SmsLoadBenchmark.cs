using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime;
using System.Threading.Channels;
using Bot.Data;
using Bot.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Bot.Bench;

/// <summary>
/// N phones text the app through signed Twilio webhooks, each through a whole fix-it conversation (problem, pick a
/// fix, next step, fixed, rating), with the Twilio API played by a local server. Reports completed turns per second
/// and latency of the webhook's acknowledgement and of the whole turn (until its last reply reached the API), once
/// unmeasured waves have let the runtime settle.
/// </summary>
internal static class SmsLoadBenchmark
{
    private const string AuthToken = "bench-auth-token";
    private const string PublicBaseUrl = "https://desk.example.org";
    private const int WarmUpPhones = 500_000;
    private const int MaxWarmUpWaves = 40;
    private const long SettledMethods = 50;

    // One quiet wave can be a lull between two rounds of recompilation; two in a row are not.
    private const int SettledWaves = 2;

    // Each turn: what the phone texts and how many replies it waits for.
    private static readonly (string Text, int Replies)[] Script =
    [
        ("my chromebook won't charge", 2),
        ("1", 1),
        ("2", 1),
        ("yes", 2),
        ("5", 1),
    ];

    /// <summary>Measures <paramref name="waves"/> waves of <paramref name="phones"/> new phones each, one wave after the other.</summary>
    public static async Task<double> RunAsync(int phones, int waves)
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var twilio = await TwilioApiServer.StartAsync(authToken: AuthToken);
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Benchmark");
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Sqlite",
                ["ConnectionStrings:Bot"] = database.ConnectionString,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Knowledge:WatchForChanges"] = "false",
                ["Samples:ImportWhenEmpty"] = "false",
                ["Twilio:AccountSid"] = twilio.AccountSid,
                ["Twilio:AuthToken"] = AuthToken,
                ["Twilio:PhoneNumber"] = "+15555550000",
                ["Twilio:WebhookBaseUrl"] = PublicBaseUrl,
                ["Twilio:ApiBaseUrl"] = twilio.BaseUrl.ToString(),
                // A long code sends one segment a second; this measures the desk, not the carrier's pace.
                ["Twilio:SegmentsPerSecond"] = "1000000",
            }));
        });
        using var client = app.CreateClient();
        var inboxes = new ConcurrentDictionary<string, Channel<SentSms>>();
        using var stop = new CancellationTokenSource();
        var router = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var sms = await twilio.NextAsync(TimeSpan.FromSeconds(1));
                    await inboxes.GetOrAdd(sms.To, _ => Channel.CreateUnbounded<SentSms>()).Writer.WriteAsync(sms);
                }
                catch (TimeoutException)
                {
                }
            }
        });

        // Unmeasured waves first, so that start-up is not counted: the first connections and the model's first run, and
        // the JIT, which goes on recompiling hot methods (tiered, with profile-guided optimisation) for some seconds
        // after start-up. A server runs for days; what it does once that settles is what is measured.
        var warmUp = Stopwatch.StartNew();
        var warmUpWaves = 0;
        var quietWaves = 0;
        while (warmUpWaves < MaxWarmUpWaves && quietWaves < SettledWaves)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            await ConverseAsync(client, inboxes, Enumerable.Range(WarmUpPhones + (warmUpWaves++ * phones), phones));
            quietWaves = JitInfo.GetCompiledMethodCount() - compiled < SettledMethods ? quietWaves + 1 : 0;
        }

        System.Console.WriteLine(
            $"warm-up: {warmUpWaves} unmeasured wave(s) of {phones} phones in {warmUp.Elapsed.TotalSeconds:F1} s, until {SettledWaves} waves in a row compiled fewer than {SettledMethods} methods each");
        var acks = new List<double>();
        var turns = new List<double>();
        var elapsed = TimeSpan.Zero;
        // CPU time of the whole process (app, fake Twilio and the phones alike): on a shared machine it varies far less than wall time.
        // The JIT's share is shown apart: tiered compilation goes on recompiling hot methods for a while after start-up.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var jitBefore = JitInfo.GetCompilationTime();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var pausedBefore = GC.GetTotalPauseDuration();
        for (var wave = 0; wave < waves; wave++)
        {
            var waveCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var waveJit = JitInfo.GetCompilationTime();
            var waveMethods = JitInfo.GetCompiledMethodCount();
            var (waveAcks, waveTurns, waveElapsed) = await ConverseAsync(client, inboxes, Enumerable.Range(wave * phones, phones));
            acks.AddRange(waveAcks);
            turns.AddRange(waveTurns);
            elapsed += waveElapsed;
            System.Console.WriteLine(
                $"wave {wave + 1}: {waveTurns.Count / waveElapsed.TotalSeconds:F0} turns/s, CPU per turn {(Process.GetCurrentProcess().TotalProcessorTime - waveCpu).TotalMilliseconds / waveTurns.Count:F2} ms"
                + $" (in the JIT {(JitInfo.GetCompilationTime() - waveJit).TotalMilliseconds / waveTurns.Count:F2} ms, {JitInfo.GetCompiledMethodCount() - waveMethods} methods compiled)");
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var jit = JitInfo.GetCompilationTime() - jitBefore;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        await stop.CancelAsync();
        await router;

        var rate = turns.Count / elapsed.TotalSeconds;
        System.Console.WriteLine($"{waves} waves of {phones} phones, {turns.Count} turns in {elapsed.TotalSeconds:F1} s: {rate:F0} turns/s");
        System.Console.WriteLine($"acknowledgement ms: p50 {Percentile(acks, 0.50):F1}  p95 {Percentile(acks, 0.95):F1}  p99 {Percentile(acks, 0.99):F1}");
        System.Console.WriteLine($"whole turn ms:      p50 {Percentile(turns, 0.50):F1}  p95 {Percentile(turns, 0.95):F1}  p99 {Percentile(turns, 0.99):F1}");
        System.Console.WriteLine(
            $"process CPU per turn: {cpu.TotalMilliseconds / turns.Count:F2} ms, of which JIT {jit.TotalMilliseconds / turns.Count:F2} ms; allocated per turn: {allocated / 1024.0 / turns.Count:F0} KB, "
            + $"with the garbage collector pausing the process {paused.TotalMilliseconds / elapsed.TotalMilliseconds:P1} of the time");
        return rate;
    }

    /// <summary>Each phone goes through the script at once; returns every acknowledgement and turn time, and the wall time.</summary>
    private static async Task<(ConcurrentBag<double> Acks, ConcurrentBag<double> Turns, TimeSpan Elapsed)> ConverseAsync(
        HttpClient client, ConcurrentDictionary<string, Channel<SentSms>> inboxes, IEnumerable<int> phones)
    {
        var acks = new ConcurrentBag<double>();
        var turns = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(phones.Select(async phone =>
        {
            var number = $"+1555700{phone:D4}";
            var inbox = inboxes.GetOrAdd(number, _ => Channel.CreateUnbounded<SentSms>());
            foreach (var (text, replies) in Script)
            {
                var turn = Stopwatch.StartNew();
                using (var response = await PostAsync(client, number, text))
                {
                    response.EnsureSuccessStatusCode();
                }

                acks.Add(turn.Elapsed.TotalMilliseconds);
                for (var i = 0; i < replies; i++)
                {
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                    await inbox.Reader.ReadAsync(wait.Token);
                }

                turns.Add(turn.Elapsed.TotalMilliseconds);
            }
        }));
        clock.Stop();
        return (acks, turns, clock.Elapsed);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string from, string body)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = $"SM{Guid.NewGuid():N}",
            ["AccountSid"] = "AC00000000000000000000000000000001",
            ["From"] = from,
            ["To"] = "+15555550000",
            ["Body"] = body,
            ["NumMedia"] = "0",
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sms") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignatures.Sign(PublicBaseUrl + "/api/sms", form, AuthToken));
        return client.SendAsync(request);
    }

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
