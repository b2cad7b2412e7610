using System.Net;
using Bot.Console;
using Bot.Data;
using Bot.Data.Accounts;
using Bot.Data.Devices;
using Bot.Testing;
using Bot.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Console;

/// <summary>The technician console over HTTP: sign-in, roles, and the device pages, on the app's real pipeline.</summary>
public class ConsoleTests
{
    [Theory]
    [InlineData("/console")]
    [InlineData("/console/devices?q=MV-C-10001")]
    [InlineData("/console/accounts")]
    [InlineData("/console/denied")]
    [InlineData("/console/tickets?assignee=mine")]
    [InlineData("/console/tickets/T-1001")]
    [InlineData("/console/attachments/1")]
    [InlineData("/console/people?q=ana")]
    [InlineData("/console/people/1")]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_from_every_console_page(string path)
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);

        using var response = await new ConsoleBrowser(app).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/signin", response.Headers.Location!.AbsolutePath);
        Assert.Contains(Uri.EscapeDataString(path.Split('?')[0]), response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_pages_forbid_other_sites_scripts_and_framing_and_the_web_chat_page_keeps_its_own_policy()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);
        var browser = await ConsoleBrowser.SignedInAsync(app, "tech@district.example.org", AccountRoles.Technician);

        foreach (var path in new[] { "/console/signin", "/console/tickets", "/console/insights/volume.csv" })
        {
            using var response = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }

        using var chat = await browser.GetAsync("/");
        Assert.DoesNotContain(ConsoleSecurityHeaders.ContentSecurityPolicy, chat.Headers.TryGetValues("Content-Security-Policy", out var values) ? values : [], StringComparer.Ordinal);
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_and_then_even_the_right_one_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Console:MaxFailedSignIns"] = "3" });
        var account = await ConsoleBrowser.CreateAccountAsync(app, "tech@district.example.org", AccountRoles.Technician);
        var browser = new ConsoleBrowser(app);

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await browser.SignInAsync("tech@district.example.org", "not the password");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("do not match an account", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var locked = await browser.SignInAsync("tech@district.example.org");
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/console/devices")).StatusCode);
        var audit = await app.Services.GetRequiredService<AuditLog>().ForSubjectAsync($"account:{account.Id}", CancellationToken.None);
        Assert.Equal(["sign-in refused (locked)", "sign-in failed", "sign-in failed", "sign-in failed"], audit.Select(entry => entry.Action));
    }

    [Fact]
    public async Task A_technician_signs_in_and_works_but_cannot_open_the_admin_pages()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);
        await ConsoleBrowser.CreateAccountAsync(app, "tech@district.example.org", AccountRoles.Technician);
        var browser = new ConsoleBrowser(app);

        using var signedIn = await browser.SignInAsync("Tech@District.example.org");
        using var accounts = await browser.GetAsync("/console/accounts");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/console/tickets", signedIn.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
        Assert.Contains("Asset tag or serial number", await browser.PageAsync("/console/devices"), StringComparison.Ordinal);
        var queue = await browser.PageAsync("/console/tickets");
        Assert.Contains("<!--Blazor:", queue, StringComparison.Ordinal);
        using var script = await browser.GetAsync("/_framework/blazor.web.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, accounts.StatusCode);
        Assert.Equal("/console/denied", accounts.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task An_admin_creates_a_technician_account_who_can_then_sign_in()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);
        var admin = await ConsoleBrowser.SignedInAsync(app, "admin@district.example.org", AccountRoles.Admin);

        using var created = await admin.SubmitAsync("/console/accounts", "create-account", new Dictionary<string, string>
        {
            ["Input.Email"] = "new.tech@district.example.org",
            ["Input.Name"] = "New Tech",
            ["Input.Role"] = AccountRoles.Technician,
            ["Input.Password"] = "twelve chars at least",
        });

        Assert.Contains("new.tech@district.example.org can now sign in as technician", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var signIn = await new ConsoleBrowser(app).SignInAsync("new.tech@district.example.org", "twelve chars at least");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task A_device_is_looked_up_swapped_for_a_loaner_from_the_page_and_every_view_and_change_is_audited()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);
        await RegisterAsync(app, database.Database);
        var browser = await ConsoleBrowser.SignedInAsync(app, "tech@district.example.org", AccountRoles.Technician);

        var page = await browser.PageAsync("/console/devices?q=sn-0001");
        using var swapped = await browser.SubmitAsync("/console/devices?q=MV-C-1", "swap", new Dictionary<string, string>
        {
            ["Swap.LoanerTag"] = "mv-c-2",
            ["Swap.Notes"] = "cracked screen",
        });

        Assert.Contains("Ana Valdemora", page, StringComparison.Ordinal);
        Assert.Contains("has it now", page, StringComparison.Ordinal);
        var result = await swapped.Content.ReadAsStringAsync();
        Assert.Contains("MV-C-1 went to repair; loaner MV-C-2 is out in its place.", result, StringComparison.Ordinal);
        var devices = app.Services.GetRequiredService<DeviceStore>();
        Assert.Equal("in repair", (await devices.FindAsync("MV-C-1", CancellationToken.None))!.Status);
        Assert.Equal("loaned", (await devices.FindAsync("MV-C-2", CancellationToken.None))!.Status);
        var audit = await app.Services.GetRequiredService<AuditLog>().ForSubjectAsync("device:MV-C-1", CancellationToken.None);
        // Viewed by serial, viewed again to fill in the form, then swapped.
        Assert.Equal(["swapped", "viewed device", "viewed device"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal("tech@district.example.org", e.Account));
    }

    [Fact]
    public async Task Markup_in_stored_text_is_shown_as_text_never_run()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);
        await RegisterAsync(app, database.Database);
        var browser = await ConsoleBrowser.SignedInAsync(app, "tech@district.example.org", AccountRoles.Technician);

        var page = await browser.PageAsync("/console/devices?q=MV-C-2");

        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_command_creates_an_administrator_and_refuses_a_short_password_or_a_second_account_for_the_same_email()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);

        var created = await RunAdminAsync(app, "a very long password\n", "admin", "create", "--email", "Boss@District.example.org", "--name", "The Boss");
        var again = await RunAdminAsync(app, "another long password\n", "admin", "create", "--email", "boss@district.example.org");
        var weak = await RunAdminAsync(app, "short\n", "admin", "create", "--email", "other@district.example.org");

        Assert.Equal((0, "Created administrator boss@district.example.org. Sign in at /console."), (created.Code, created.Output.Trim()));
        Assert.Equal(1, again.Code);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
        Assert.Equal(1, weak.Code);
        var account = await app.Services.GetRequiredService<AccountStore>().FindByEmailAsync("boss@district.example.org", CancellationToken.None);
        Assert.Equal(("The Boss", AccountRoles.Admin), (account!.DisplayName, account.Role));
        Assert.DoesNotContain("a very long password", account.PasswordHash, StringComparison.Ordinal);
        using var signIn = await new ConsoleBrowser(app).SignInAsync("boss@district.example.org", "a very long password");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    private static async Task<(int Code, string Output, string Error)> RunAdminAsync(DeskApp app, string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AdminCommand.RunAsync(app.Services, args, new StringReader(input), output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Ana has Chromebook MV-C-1; MV-C-2 is a spare whose notes hold markup.</summary>
    private static async Task RegisterAsync(DeskApp app, Database database)
    {
        _ = app.Server;
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(
                "INSERT INTO people (sourced_id, role, given_name, family_name, active, updated_at) VALUES ('u1', 'student', 'Ana', 'Valdemora', @Active, @Now)",
                new { Active = true, Now = DateTimeOffset.UtcNow });
        }

        var importer = app.Services.GetRequiredService<DeviceImporter>();
        await importer.ImportDevicesAsync(new StringReader("""
            assetTag,serialNumber,model,kind,status,notes
            MV-C-1,SN-0001,Dell Chromebook 3110,chromebook,loaned,
            MV-C-2,SN-0002,Dell Chromebook 3110,chromebook,in service,<script>alert(1)</script>
            """), "devices.csv", null, CancellationToken.None);
        await importer.ImportLoansAsync(new StringReader("assetTag,personSourcedId,checkedOut,due\nMV-C-1,u1,2026-08-20,2027-06-04\n"), "loans.csv", null, CancellationToken.None);
    }
}
