using System.Net;
using Bot.Data;
using Bot.Data.Accounts;
using Bot.Testing;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Console;

/// <summary>
/// "Sign in with Microsoft" against a local provider playing Microsoft Entra ID: the code flow with PKCE ends in the
/// console's own session for the account with the person's email, and in nothing for anyone else.
/// </summary>
public class EntraSignInTests
{
    private const string ClientId = "console-app";
    private const string ClientSecret = "a client secret";

    [Fact]
    public async Task A_technician_signs_in_with_Microsoft_and_gets_their_accounts_role()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var provider = await OidcProviderServer.StartAsync(ClientId, ClientSecret);
        await using var app = EntraDesk(database, provider);
        var account = await ConsoleBrowser.CreateAccountAsync(app, "sam.reyes@district.example.org", AccountRoles.Technician, name: "Sam Reyes");
        provider.SignsIn("oid-sam", "Sam.Reyes@district.example.org", "Sam Reyes");
        var browser = new ConsoleBrowser(app);

        var landed = await SignInWithMicrosoftAsync(browser);

        Assert.Equal("/console/tickets", landed);
        Assert.Contains("Sam Reyes", await browser.PageAsync("/console/tickets"), StringComparison.Ordinal);
        using var admin = await browser.GetAsync("/console/accounts");
        Assert.Equal("/console/denied", admin.Headers.Location?.AbsolutePath);
        var audit = await app.Services.GetRequiredService<AuditLog>().ForSubjectAsync($"account:{account.Id}", CancellationToken.None);
        Assert.Contains(audit, entry => entry.Action == "signed in with Microsoft Entra ID");
    }

    [Fact]
    public async Task Someone_Microsoft_knows_but_the_desk_does_not_is_told_and_stays_out()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var provider = await OidcProviderServer.StartAsync(ClientId, ClientSecret);
        await using var app = EntraDesk(database, provider);
        provider.SignsIn("oid-visitor", "visitor@district.example.org", "A Visitor");
        var browser = new ConsoleBrowser(app);

        var landed = await SignInWithMicrosoftAsync(browser);

        Assert.Equal("/console/signin?entra=no-account", landed);
        Assert.Contains("there is no desk account with your email", await browser.PageAsync(landed), StringComparison.Ordinal);
        using var queue = await browser.GetAsync("/console/tickets");
        Assert.Equal("/console/signin", queue.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task A_forged_id_token_gets_nobody_in()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var provider = await OidcProviderServer.StartAsync(ClientId, ClientSecret);
        await using var app = EntraDesk(database, provider);
        await ConsoleBrowser.CreateAccountAsync(app, "sam.reyes@district.example.org", AccountRoles.Technician, name: "Sam Reyes");
        provider.SignsIn("oid-sam", "sam.reyes@district.example.org", "Sam Reyes");
        provider.SignWithUnpublishedKey = true;
        var browser = new ConsoleBrowser(app);

        var landed = await SignInWithMicrosoftAsync(browser);

        Assert.Equal("/console/signin?entra=failed", landed);
        using var queue = await browser.GetAsync("/console/tickets");
        Assert.Equal("/console/signin", queue.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task The_sign_in_page_offers_Microsoft_only_when_it_is_configured()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var provider = await OidcProviderServer.StartAsync(ClientId, ClientSecret);
        await using var withEntra = EntraDesk(database, provider);
        await using var without = DeskApp.On(database);

        Assert.Contains("Sign in with Microsoft", await new ConsoleBrowser(withEntra).PageAsync("/console/signin"), StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in with Microsoft", await new ConsoleBrowser(without).PageAsync("/console/signin"), StringComparison.Ordinal);
        using var start = await new ConsoleBrowser(without).GetAsync("/console/signin/entra");
        Assert.NotEqual(HttpStatusCode.Redirect, start.StatusCode);
    }

    private static DeskApp EntraDesk(TestDatabase database, OidcProviderServer provider) => DeskApp.On(database, settings: new()
    {
        ["Console:Entra:Authority"] = provider.Authority,
        ["Console:Entra:ClientId"] = ClientId,
        ["Console:Entra:ClientSecret"] = ClientSecret,
    });

    /// <summary>Follows the sign-in through the provider as a browser would; returns where the console sent it in the end.</summary>
    private static async Task<string> SignInWithMicrosoftAsync(ConsoleBrowser browser)
    {
        using var challenge = await browser.GetAsync("/console/signin/entra");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        using var toProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var authorized = await toProvider.GetAsync(challenge.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, authorized.StatusCode);
        using var back = await browser.GetAsync(authorized.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return back.Headers.Location!.OriginalString;
    }
}
