using System.Net;
using Bot.Data;
using Bot.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Support;

/// <summary>The whole app in-process on a real, fresh database, with settings and services a test may change.</summary>
internal sealed class DeskApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? replaceServices;

    public DeskApp(Dictionary<string, string?> settings, Action<IServiceCollection>? replaceServices = null)
    {
        this.settings = settings;
        this.replaceServices = replaceServices;
    }

    public CapturedLogs Logs { get; } = new();

    /// <summary>
    /// Starts the app, which must fail, and returns what it said about why: the exception and the host's log. Under
    /// load the exception that reaches the caller can be the test host's own disposal error, while the host has always
    /// logged the real cause first.
    /// </summary>
    public string FailedStartup()
    {
        var error = Assert.ThrowsAny<Exception>(() => CreateClient());
        return $"{error}\n{string.Join('\n', Logs.Lines)}";
    }

    public static DeskApp On(TestDatabase database, Action<IServiceCollection>? replaceServices = null, Dictionary<string, string?>? settings = null)
    {
        // Defaults a test may change, then the test's settings, then the database, which is always the test's.
        var all = new Dictionary<string, string?>
        {
            ["Knowledge:WatchForChanges"] = "false",
            ["Samples:ImportWhenEmpty"] = "false",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        all["Storage:Provider"] = database.Provider.ToString();
        all["ConnectionStrings:Bot"] = database.ConnectionString;
        return new DeskApp(all, replaceServices);
    }

    /// <summary>
    /// Serves the app with Kestrel on a free loopback port, as a browser needs, instead of the in-memory test server;
    /// call it before anything else uses the app. Returns the address to browse.
    /// </summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.Single());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        if (replaceServices is not null)
        {
            builder.ConfigureTestServices(replaceServices);
        }
    }
}
