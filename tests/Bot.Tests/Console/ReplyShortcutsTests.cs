using System.Text.RegularExpressions;
using Bot.Channels.Sms;
using Bot.Data.Accounts;
using Bot.Data.Tickets;
using Bot.Dialogs.Knowledge;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bot.Tests.Console;

/// <summary>
/// The reply box's keystroke picker in Chromium, against the whole app on a loopback port with SMS played by the fake
/// Twilio API: a technician inserts a prepared reply and shares an article without touching the mouse.
/// </summary>
[Collection(BrowserTests.Name)]
public class ReplyShortcutsTests(Chromium chromium)
{
    private const string Student = "+15555550123";

    [BrowserFact]
    public async Task A_technician_inserts_a_filled_prepared_reply_and_shares_an_article_from_the_keyboard_and_the_student_gets_both_by_sms()
    {
        await using var desk = await SmsDesk.StartOnLoopbackAsync(new() { ["Knowledge:Semantic"] = "false" });
        var ticket = await EscalateAsync(desk);
        var canned = desk.App.Services.GetRequiredService<CannedResponses>();
        await canned.SaveAsync("On it", "en", "Ticket {ticket} is with us; we will answer {due}.", "ada@district.example.org", CancellationToken.None);
        await canned.SaveAsync("Charger check", "en", "Please try another charger for {ticket}.", "ada@district.example.org", CancellationToken.None);
        var article = desk.App.Services.GetRequiredService<KnowledgeBase>().Find("accessibility-chromebook", Languages.English)!;
        await ConsoleBrowser.CreateAccountAsync(desk.App, "sam@district.example.org", AccountRoles.Technician, name: "Sam Reyes");
        await using var console = await ConsolePage.SignedInAsync(chromium, desk.Address!, "sam@district.example.org");
        var page = console.Page;
        await page.GotoAsync($"/console/tickets/{ticket.Number}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Take over" }).ClickAsync();
        await desk.Twilio.NextAsync();

        var box = page.GetByRole(AriaRole.Textbox, new() { Name = "Message (sent by sms)" });
        var picker = page.GetByRole(AriaRole.Combobox, new() { Name = "Insert a prepared reply or share an article" });
        await Expect(page.Locator("#reply-hint")).ToBeVisibleAsync();
        await Expect(box).ToHaveAttributeAsync("aria-describedby", "reply-hint");

        // A slash inside a word is just a slash.
        await box.PressSequentiallyAsync("Hello and/or ");
        await Expect(picker).ToHaveCountAsync(0);

        // At the start of a word it opens the picker; the arrows move, typing filters, Enter inserts at the cursor.
        await box.PressAsync("/");
        await Expect(picker).ToBeFocusedAsync();
        var chargerCheck = page.GetByRole(AriaRole.Option, new() { Name = "Prepared reply: Charger check" });
        var onIt = page.GetByRole(AriaRole.Option, new() { Name = "Prepared reply: On it" });
        await Expect(chargerCheck).ToHaveAttributeAsync("aria-selected", "true");
        await picker.PressAsync("ArrowDown");
        await Expect(onIt).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(chargerCheck).ToHaveAttributeAsync("aria-selected", "false");
        await picker.PressSequentiallyAsync("on it");
        await Expect(onIt).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "Prepared reply: Charger check" })).ToHaveCountAsync(0);
        await Expect(picker).ToHaveAttributeAsync("aria-activedescendant", await onIt.GetAttributeAsync("id") ?? "?");
        await Expect(page.GetByRole(AriaRole.Listbox, new() { Name = "Insert a prepared reply or share an article" })).ToBeVisibleAsync();
        await picker.PressAsync("Enter");
        await Expect(picker).ToHaveCountAsync(0);
        await Expect(box).ToBeFocusedAsync();
        await Expect(box).ToHaveValueAsync(new Regex(@"^Hello and/or Ticket T-1001 is with us; we will answer [^{}]+\.$"));

        // Ctrl+K opens it anywhere; an article is marked as shared rather than pasted.
        await box.PressAsync("Control+K");
        await picker.PressSequentiallyAsync("screen reader");
        await picker.PressAsync("ArrowDown"); // past the Windows one, first by title
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = $"Article: {article.Title}" })).ToHaveAttributeAsync("aria-selected", "true");
        await picker.PressAsync("Enter");
        await Expect(page.Locator("#reply-sharing")).ToHaveTextAsync(new Regex($@"^\s*Sharing: {Regex.Escape(article.Title)}\s+Remove the article\s*$"));
        var words = await box.InputValueAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sent, with the article" })).ToBeVisibleAsync();

        var expected = $"Sam: {words}\n{article.Summary}\n{SmsDesk.PublicBaseUrl}/help/en/{article.Slug}";
        var parts = SmsSegments.Split(expected);
        Assert.Equal(parts, (await desk.RepliesAsync(parts.Count)).Select(text => text.Body));
        Assert.DoesNotContain("{", expected, StringComparison.Ordinal);

        // Escape gives back a slash that was only a slash, with what was typed after it.
        await box.PressAsync("/");
        await picker.PressSequentiallyAsync("x");
        await picker.PressAsync("Escape");
        await Expect(box).ToHaveValueAsync("/x");
        await Expect(box).ToBeFocusedAsync();
        Assert.True(console.ConsoleErrors.IsEmpty, string.Join("\n", console.ConsoleErrors));
    }

    /// <summary>The student asks for a person and answers the desk's questions: ticket T-1001.</summary>
    private static async Task<Ticket> EscalateAsync(SmsDesk desk)
    {
        foreach (var text in new[] { "agent", "1", "this morning", "home", "60614", "skip" })
        {
            await desk.Webhooks.TextAsync(Student, text);
            await desk.Twilio.NextAsync();
        }

        return Assert.Single(await desk.App.Services.GetRequiredService<TicketStore>().OpenForRequesterAsync("sms", Student, CancellationToken.None));
    }
}
