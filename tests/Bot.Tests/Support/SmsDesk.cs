using Bot.Data;
using Bot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Support;

/// <summary>The whole app with SMS on, its Twilio API played by a local server, on a fresh SQLite database.</summary>
internal sealed class SmsDesk : IAsyncDisposable
{
    public const string PublicBaseUrl = "https://desk.example.org";
    public const string DistrictNumber = "+15555550000";

    private SmsDesk(TestDatabase database, TwilioApiServer twilio, DeskApp app, Uri? address)
    {
        Database = database;
        Twilio = twilio;
        App = app;
        Address = address;
        Webhooks = new TwilioWebhooks(app.CreateClient(), twilio.AuthToken, PublicBaseUrl);
    }

    public TestDatabase Database { get; }

    public TwilioApiServer Twilio { get; }

    public DeskApp App { get; }

    public TwilioWebhooks Webhooks { get; }

    /// <summary>Where a browser reaches the app, when it was started with <see cref="StartOnLoopbackAsync"/>.</summary>
    public Uri? Address { get; }

    public static Task<SmsDesk> StartAsync(
        TestDatabase? database = null, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? replaceServices = null) =>
        StartAsync(database, settings, onLoopback: false, replaceServices);

    /// <summary>The same desk served by Kestrel on a loopback port instead of the in-memory test server, for a browser.</summary>
    public static Task<SmsDesk> StartOnLoopbackAsync(Dictionary<string, string?>? settings = null) =>
        StartAsync(null, settings, onLoopback: true, replaceServices: null);

    private static async Task<SmsDesk> StartAsync(
        TestDatabase? database, Dictionary<string, string?>? settings, bool onLoopback, Action<IServiceCollection>? replaceServices)
    {
        database ??= await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var twilio = await TwilioApiServer.StartAsync();
        var all = new Dictionary<string, string?>(settings ?? [])
        {
            ["Twilio:AccountSid"] = twilio.AccountSid,
            ["Twilio:AuthToken"] = twilio.AuthToken,
            ["Twilio:PhoneNumber"] = DistrictNumber,
            ["Twilio:WebhookBaseUrl"] = PublicBaseUrl,
            ["Twilio:ApiBaseUrl"] = twilio.BaseUrl.ToString(),
            ["Twilio:SegmentsPerSecond"] = "1000",
            ["Twilio:RetryBaseDelay"] = "00:00:00.050",
            ["Twilio:HelpReply"] = "Device help desk: 555-0199, school days 7:30–4:30.",
        };
        var app = DeskApp.On(database, replaceServices, all);

        // Start the host: the inbox processor and the delivery worker run from here on.
        var address = onLoopback ? app.StartOnLoopback() : null;
        var desk = new SmsDesk(database, twilio, app, address);
        if (!onLoopback)
        {
            _ = app.Server;
        }

        return desk;
    }

    /// <summary>The next <paramref name="count"/> texts sent through the API.</summary>
    public async Task<IReadOnlyList<SentSms>> RepliesAsync(int count)
    {
        var replies = new List<SentSms>();
        for (var i = 0; i < count; i++)
        {
            replies.Add(await Twilio.NextAsync());
        }

        return replies;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Twilio.DisposeAsync();
        await Database.DisposeAsync();
    }
}
