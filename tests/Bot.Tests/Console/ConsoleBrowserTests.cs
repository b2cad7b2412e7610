using System.Text.RegularExpressions;
using Bot.Data;
using Bot.Data.Accounts;
using Bot.Data.Tickets;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Knowledge;
using Bot.Testing;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bot.Tests.Console;

/// <summary>
/// The technician console in Chromium against the whole app on a loopback port, with SMS on and Twilio's API played by
/// a local server: students text through signed webhooks, technicians work the ticket in the browser, and what the
/// student is sent is read off the fake API.
/// </summary>
[Collection(BrowserTests.Name)]
public class ConsoleBrowserTests(Chromium chromium)
{
    private const string Student = "+15555550123";
    private const string Sam = "sam@district.example.org";
    private const string Lee = "lee@district.example.org";
    private const string Ada = "ada@district.example.org";
    private static readonly Texts English = Texts.For(Languages.English);

    // Nothing here is searched in the knowledge base: the student asks for a person, so skip loading embeddings.
    private static readonly Dictionary<string, string?> Settings = new() { ["Knowledge:Semantic"] = "false" };

    [BrowserFact]
    public async Task A_new_ticket_appears_in_the_open_queue_without_a_reload_and_is_claimed_taken_over_answered_and_resolved_by_sms()
    {
        await using var desk = await SmsDesk.StartOnLoopbackAsync(Settings);
        await ConsoleBrowser.CreateAccountAsync(desk.App, Sam, AccountRoles.Technician, name: "Sam Reyes");
        await using var sam = await ConsolePage.SignedInAsync(chromium, desk.Address!, Sam);
        await Expect(sam.Page.GetByText("No open tickets match.")).ToBeVisibleAsync();
        await sam.MarkDocumentAsync();

        var number = await EscalateAsync(desk);

        await Expect(sam.QueueLink(number)).ToBeVisibleAsync();
        await sam.ExpectSameDocumentAsync();

        await sam.QueueLink(number).ClickAsync();
        await Expect(sam.Heading).ToContainTextAsync(number);
        await sam.PressAsync("Claim");
        await Expect(sam.Message).ToHaveTextAsync($"{number} is yours.");
        await Expect(sam.Assignee).ToHaveTextAsync(Sam);

        await sam.PressAsync("Take over");
        await Expect(sam.Message).ToContainTextAsync("You have the conversation");
        Assert.Equal((Student, English.TechnicianJoined("Sam", number)), Sms(await desk.Twilio.NextAsync()));

        await sam.ReplyAsync("Hold the power key for 30 seconds, then try again.");
        await Expect(sam.Message).ToHaveTextAsync("Sent.");
        Assert.Equal((Student, "Sam: Hold the power key for 30 seconds, then try again."), Sms(await desk.Twilio.NextAsync()));

        await sam.MarkDocumentAsync();
        await desk.Webhooks.TextAsync(Student, "it still shows a black screen");
        await Expect(sam.TranscriptLine("user", "it still shows a black screen")).ToBeVisibleAsync();
        await sam.ExpectSameDocumentAsync();

        await sam.ResolveAsync("hard reset brought it back");
        await Expect(sam.Message).ToHaveTextAsync($"{number} is resolved, and they were told.");
        Assert.Equal((Student, English.TicketResolved(number, "hard reset brought it back")), Sms(await desk.Twilio.NextAsync()));

        // The whole conversation, from the first text to the resolution, each line under who wrote it.
        await Expect(sam.TranscriptLine("user", "agent")).ToBeVisibleAsync();
        await Expect(sam.TranscriptLine("bot", number).First).ToBeVisibleAsync();
        await Expect(sam.TranscriptLine("system", English.TechnicianJoined("Sam", number))).ToBeVisibleAsync();
        await Expect(sam.TranscriptLine("technician", "Hold the power key for 30 seconds, then try again.")).ToBeVisibleAsync();
        await Expect(sam.TranscriptLine("user", "it still shows a black screen")).ToBeVisibleAsync();
        await Expect(sam.TranscriptLine("system", English.TicketResolved(number, "hard reset brought it back"))).ToBeVisibleAsync();
        Assert.True(sam.ConsoleErrors.IsEmpty, string.Join('\n', [.. sam.ConsoleErrors, .. sam.FailedResponses]));
    }

    [BrowserFact]
    public async Task The_live_queue_puts_the_soonest_due_first_and_sorts_by_a_column_when_its_heading_is_pressed()
    {
        await using var desk = await SmsDesk.StartOnLoopbackAsync(Settings);
        var first = await EscalateAsync(desk);
        var second = await EscalateAsync(desk, "+15555550188");
        await ConsoleBrowser.CreateAccountAsync(desk.App, Sam, AccountRoles.Technician, name: "Sam Reyes");
        await using var sam = await ConsolePage.SignedInAsync(chromium, desk.Address!, Sam);
        var numbers = sam.Page.Locator("tbody tr td:first-child a");
        await Expect(numbers).ToHaveTextAsync([first, second]);
        await Expect(sam.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Target" })).ToHaveAttributeAsync("aria-sort", "ascending");

        // Once the queue is live, pressing a heading sorts by it and pressing it again reverses it, without leaving the page.
        await Expect(sam.Page.Locator("[data-live=true]")).ToHaveCountAsync(1);
        await sam.MarkDocumentAsync();
        var ticket = sam.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Ticket" });
        await ticket.GetByRole(AriaRole.Button, new() { Name = "Ticket" }).ClickAsync();
        await Expect(ticket).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(numbers).ToHaveTextAsync([first, second]);
        await ticket.GetByRole(AriaRole.Button, new() { Name = "Ticket" }).ClickAsync();
        await Expect(ticket).ToHaveAttributeAsync("aria-sort", "descending");
        await Expect(numbers).ToHaveTextAsync([second, first]);
        await Expect(sam.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Target" })).ToHaveAttributeAsync("aria-sort", "none");
        await sam.ExpectSameDocumentAsync();
        Assert.True(sam.ConsoleErrors.IsEmpty, string.Join('\n', [.. sam.ConsoleErrors, .. sam.FailedResponses]));
    }

    [BrowserFact]
    public async Task Markup_a_student_texts_is_shown_as_literal_text_and_never_runs_live_or_after_a_reload()
    {
        const string Markup = "<script>window.__pwned=1</script><b>bold</b><img src=x onerror=\"window.__pwned=2\">";
        await using var desk = await SmsDesk.StartOnLoopbackAsync(Settings);
        var number = await EscalateAsync(desk);
        await ConsoleBrowser.CreateAccountAsync(desk.App, Sam, AccountRoles.Technician, name: "Sam Reyes");
        await using var sam = await ConsolePage.SignedInAsync(chromium, desk.Address!, Sam);
        await sam.GotoAsync($"/console/tickets/{number}");
        await sam.PressAsync("Take over");
        await Expect(sam.Message).ToContainTextAsync("You have the conversation");

        await desk.Webhooks.TextAsync(Student, Markup);

        // Drawn live by the transcript's refresh, then drawn by the server when the page is opened again.
        await ExpectInertAsync(sam, Markup);
        await sam.GotoAsync($"/console/tickets/{number}");
        await ExpectInertAsync(sam, Markup);
    }

    [BrowserFact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_from_every_console_page_the_app_maps()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: Settings);
        var address = app.StartOnLoopback();
        var paths = ConsoleGetPaths(app, out var anonymous);
        Assert.Equal(["/console/signin"], anonymous);
        Assert.Superset(
            new HashSet<string> { "/console", "/console/tickets", "/console/tickets/T-1001", "/console/devices", "/console/insights", "/console/insights/alerts", "/console/insights/volume.csv", "/console/accounts", "/console/responses" },
            paths.ToHashSet());
        await using var visitor = await ConsolePage.OpenAsync(chromium, address, "/console/signin");

        foreach (var path in paths)
        {
            await visitor.GotoAsync(path);
            await Expect(visitor.Page).ToHaveURLAsync(new Regex($"/console/signin\\?ReturnUrl={Regex.Escape(Uri.EscapeDataString(path))}$"));
            await Expect(visitor.Heading).ToHaveTextAsync("Sign in");
        }
    }

    [BrowserFact]
    public async Task A_technician_is_shown_the_denied_page_for_accounts_and_prepared_replies_and_is_offered_no_links_to_them()
    {
        await using var desk = await SmsDesk.StartOnLoopbackAsync(Settings);
        await ConsoleBrowser.CreateAccountAsync(desk.App, Sam, AccountRoles.Technician, name: "Sam Reyes");
        await ConsoleBrowser.CreateAccountAsync(desk.App, Ada, AccountRoles.Admin, name: "Ada Admin");
        await using var sam = await ConsolePage.SignedInAsync(chromium, desk.Address!, Sam);
        await using var ada = await ConsolePage.SignedInAsync(chromium, desk.Address!, Ada);
        await Expect(sam.Link("Queue")).ToBeVisibleAsync();
        await Expect(sam.Link("Accounts")).ToHaveCountAsync(0);
        await Expect(sam.Link("Prepared replies")).ToHaveCountAsync(0);

        foreach (var (path, heading) in new[] { ("/console/accounts", "Accounts"), ("/console/responses", "Prepared replies") })
        {
            await sam.GotoAsync(path);
            await Expect(sam.Page).ToHaveURLAsync(new Regex("/console/denied(\\?.*)?$"));
            await Expect(sam.Heading).ToHaveTextAsync("Not allowed");

            // The same page opens for an admin: the technician was refused for the role, not for a broken page.
            await ada.Link(heading).ClickAsync();
            await Expect(ada.Page).ToHaveURLAsync(new Regex($"{Regex.Escape(path)}$"));
            await Expect(ada.Heading).ToHaveTextAsync(heading);
        }
    }

    [BrowserFact]
    public async Task Two_technicians_pressing_claim_at_once_leave_the_ticket_with_exactly_one_of_them_and_the_other_is_told()
    {
        await using var desk = await SmsDesk.StartOnLoopbackAsync(Settings);
        var number = await EscalateAsync(desk);
        await ConsoleBrowser.CreateAccountAsync(desk.App, Sam, AccountRoles.Technician, name: "Sam Reyes");
        await ConsoleBrowser.CreateAccountAsync(desk.App, Lee, AccountRoles.Technician, name: "Lee Park");
        await using var sam = await ConsolePage.SignedInAsync(chromium, desk.Address!, Sam);
        await using var lee = await ConsolePage.SignedInAsync(chromium, desk.Address!, Lee);
        foreach (var technician in new[] { sam, lee })
        {
            await technician.GotoAsync($"/console/tickets/{number}");
            await Expect(technician.Button("Claim")).ToBeVisibleAsync();
        }

        await Task.WhenAll(sam.PressAsync("Claim"), lee.PressAsync("Claim"));

        var told = new Dictionary<string, string>();
        foreach (var (email, technician) in new[] { (Sam, sam), (Lee, lee) })
        {
            await Expect(technician.Message).ToBeVisibleAsync();
            told[email] = await technician.Message.InnerTextAsync();
        }

        var winner = Assert.Single(told, pair => pair.Value == $"{number} is yours.").Key;
        var loser = Assert.Single(told, pair => pair.Key != winner);
        Assert.Equal($"{number} was already claimed by someone else.", loser.Value);
        foreach (var technician in new[] { sam, lee })
        {
            await Expect(technician.Assignee).ToHaveTextAsync(winner);
            await Expect(technician.Button("Claim")).ToHaveCountAsync(0);
        }

        var tickets = desk.App.Services.GetRequiredService<TicketStore>();
        var ticket = (await tickets.FindAsync(number, CancellationToken.None))!;
        Assert.Equal(winner, ticket.Assignee);
        Assert.Single(await tickets.HistoryAsync(ticket.Id, CancellationToken.None), entry => entry.Note?.StartsWith("claimed by", StringComparison.Ordinal) == true);
    }

    [BrowserFact]
    public async Task A_technician_pressing_claim_on_a_page_opened_before_a_colleague_claimed_it_is_told_someone_else_has_it()
    {
        await using var desk = await SmsDesk.StartOnLoopbackAsync(Settings);
        var number = await EscalateAsync(desk);
        await ConsoleBrowser.CreateAccountAsync(desk.App, Sam, AccountRoles.Technician, name: "Sam Reyes");
        await ConsoleBrowser.CreateAccountAsync(desk.App, Lee, AccountRoles.Technician, name: "Lee Park");
        await using var sam = await ConsolePage.SignedInAsync(chromium, desk.Address!, Sam);
        await using var lee = await ConsolePage.SignedInAsync(chromium, desk.Address!, Lee);
        await lee.GotoAsync($"/console/tickets/{number}");
        await sam.GotoAsync($"/console/tickets/{number}");
        await sam.PressAsync("Claim");
        await Expect(sam.Message).ToHaveTextAsync($"{number} is yours.");

        await lee.PressAsync("Claim");

        await Expect(lee.Message).ToHaveTextAsync($"{number} was already claimed by someone else.");
        await Expect(lee.Assignee).ToHaveTextAsync(Sam);
        await Expect(lee.Button("Claim")).ToHaveCountAsync(0);
        Assert.Empty(lee.FailedResponses);
    }

    /// <summary>The student asks for a person and answers the desk's questions; returns the ticket's number.</summary>
    private static async Task<string> EscalateAsync(SmsDesk desk, string phone = Student)
    {
        foreach (var text in new[] { "agent", "1", "this morning", "home", "60614", "skip" })
        {
            await desk.Webhooks.TextAsync(phone, text);
            await desk.Twilio.NextAsync();
        }

        return Assert.Single(await desk.App.Services.GetRequiredService<TicketStore>().OpenForRequesterAsync("sms", phone, CancellationToken.None)).Number;
    }

    private static async Task ExpectInertAsync(ConsolePage page, string markup)
    {
        await Expect(page.TranscriptLine("user", markup)).ToBeVisibleAsync();
        await Expect(page.Page.Locator("main b")).ToHaveCountAsync(0);
        await Expect(page.Page.Locator("main img")).ToHaveCountAsync(0);
        await Expect(page.Page.Locator("main script")).ToHaveCountAsync(0);
        Assert.Null(await page.Page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        Assert.DoesNotContain(page.Requests, uri => uri.AbsolutePath == "/x");
    }

    /// <summary>
    /// Every GET address the app maps under /console, with its parameters filled in; those open to anyone are left out
    /// and returned in <paramref name="anonymous"/>.
    /// </summary>
    private static List<string> ConsoleGetPaths(DeskApp app, out List<string> anonymous)
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.TrimStart('/').StartsWith("console", StringComparison.Ordinal) == true)
            .Where(endpoint => endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .ToList();
        anonymous = [.. endpoints.Where(AllowsAnonymous).Select(Path).Distinct().Order(StringComparer.Ordinal)];
        return [.. endpoints.Where(endpoint => !AllowsAnonymous(endpoint)).Select(Path).Distinct().Order(StringComparer.Ordinal)];

        static bool AllowsAnonymous(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

        static string Path(RouteEndpoint endpoint) =>
            "/" + Regex.Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), @"\{(\w+)(:[^}]*)?\}", parameter => parameter.Groups[1].Value switch
            {
                "Number" => "T-1001",
                "id" or "Id" => "1",
                "report" => "volume",
                var other => throw new InvalidOperationException($"No sample value for the route parameter {other}: add one here."),
            });
    }

    private static (string To, string Body) Sms(SentSms sent) => (sent.To, sent.Body);
}
