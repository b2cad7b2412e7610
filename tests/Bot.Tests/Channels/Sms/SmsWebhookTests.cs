using System.Net;
using Bot.Channels.Sms;
using Bot.Data.Contacts;
using Bot.Data.Conversations;
using Bot.Data.Outbox;
using Bot.Dialogs;
using Bot.Dialogs.Engine;
using Bot.Testing;
using Bot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.Sms;

public class SmsWebhookTests
{
    private const string Student = "+15555550123";
    private static readonly Texts English = Texts.For("en");

    [Fact]
    public async Task A_signed_text_is_acknowledged_with_empty_twiml_and_answered_through_twilio()
    {
        await using var desk = await SmsDesk.StartAsync();

        var response = await desk.Webhooks.TextAsync(Student, "my wifi keeps dropping");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<Response/>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var replies = await desk.RepliesAsync(2);
        Assert.All(replies, reply => Assert.Equal((Student, SmsDesk.DistrictNumber), (reply.To, reply.From)));
        Assert.Equal(English.Greeting, replies[0].Body);
        Assert.StartsWith(English.OfferArticles + "\n1. ", replies[1].Body, StringComparison.Ordinal);
        Assert.Equal($"{SmsDesk.PublicBaseUrl}/api/sms/status", replies[1].StatusCallback);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-signature")]
    [InlineData("signed-with-another-token")]
    public async Task A_text_without_the_right_signature_is_refused_and_nothing_is_stored(string signature)
    {
        await using var desk = await SmsDesk.StartAsync();
        var form = new Dictionary<string, string> { ["MessageSid"] = "SM1", ["From"] = Student, ["To"] = SmsDesk.DistrictNumber, ["Body"] = "hello" };
        if (signature == "signed-with-another-token")
        {
            signature = TwilioSignatures.Sign(SmsDesk.PublicBaseUrl + "/api/sms", form, "another-token");
        }

        var response = await desk.Webhooks.PostAsync("/api/sms", form, signature);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await desk.App.Services.GetRequiredService<MessageStore>().PendingInboundAsync("sms", 10, CancellationToken.None));
        Assert.Equal(0, desk.Twilio.Requests);
    }

    [Fact]
    public async Task A_whole_fix_it_conversation_works_over_sms()
    {
        await using var desk = await SmsDesk.StartAsync();

        await desk.Webhooks.TextAsync(Student, "my chromebook won't charge");
        var offer = (await desk.RepliesAsync(2))[1];
        await desk.Webhooks.TextAsync(Student, "1");
        var step1 = await desk.Twilio.NextAsync();
        await desk.Webhooks.TextAsync(Student, "2");
        var step2 = await desk.Twilio.NextAsync();
        await desk.Webhooks.TextAsync(Student, "yes");
        var fixedReplies = await desk.RepliesAsync(2);
        await desk.Webhooks.TextAsync(Student, "4");
        var thanks = await desk.Twilio.NextAsync();

        Assert.Contains("Reply 1, 2, 3 or 4.", offer.Body, StringComparison.Ordinal);
        Assert.Contains("Step 1 of", step1.Body, StringComparison.Ordinal);
        Assert.Contains("Step 2 of", step2.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("**", step2.Body, StringComparison.Ordinal);
        Assert.Equal([English.GladFixed, English.AskRating], fixedReplies.Select(r => r.Body.Split('\n')[0]));
        Assert.Equal(English.ThanksForRating, thanks.Body);
    }

    [Fact]
    public async Task The_same_message_sid_delivered_a_hundred_times_is_stored_and_answered_once()
    {
        await using var desk = await SmsDesk.StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => desk.Webhooks.TextAsync(Student, "my screen is black", sid: "SM_REDELIVERED")));
        await desk.RepliesAsync(2);
        await desk.Webhooks.TextAsync("+15555550999", "hello"); // a later text from someone else, to know the first was fully handled
        await desk.RepliesAsync(2);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(0, desk.Twilio.Pending);
        var conversations = desk.App.Services.GetRequiredService<ConversationStore>();
        var id = await conversations.TouchAsync(new ConversationActivity("sms", Student, Student, null, DateTimeOffset.UtcNow), CancellationToken.None);
        var transcript = await desk.App.Services.GetRequiredService<MessageStore>().TranscriptAsync(id, CancellationToken.None);
        Assert.Single(transcript, m => m.Direction == "in");
        Assert.Equal(2, transcript.Count(m => m.Direction == "out"));
    }

    [Fact]
    public async Task Replies_held_up_by_twilio_failing_are_all_delivered_after_it_recovers_in_order()
    {
        await using var desk = await SmsDesk.StartAsync();
        desk.Twilio.FailNext(9, 500);
        desk.Twilio.FailNext(3, 429, TimeSpan.Zero);

        await desk.Webhooks.TextAsync(Student, "my hotspot has no signal");
        await desk.Webhooks.TextAsync(Student, "1");
        var replies = await desk.RepliesAsync(3);

        Assert.Equal(English.Greeting, replies[0].Body);
        Assert.StartsWith(English.OfferArticles, replies[1].Body, StringComparison.Ordinal);
        Assert.Contains("Step 1 of", replies[2].Body, StringComparison.Ordinal);
        Assert.True(desk.Twilio.Requests >= 15, $"only {desk.Twilio.Requests} requests reached the API");
    }

    [Fact]
    public async Task A_text_stored_before_a_stop_is_handled_after_the_restart()
    {
        var database = await TestDatabase.CreateAsync(Bot.Data.StorageProvider.Sqlite);
        var conversations = new ConversationStore(database.Database);
        var id = await conversations.TouchAsync(new ConversationActivity("sms", Student, Student, null, DateTimeOffset.UtcNow), CancellationToken.None);
        await new MessageStore(database.Database).RecordInboundAsync(
            new InboundMessage(id, "sms", "my laptop screen is cracked", DateTimeOffset.UtcNow, "SM_BEFORE_RESTART"), CancellationToken.None);

        await using var desk = await SmsDesk.StartAsync(database);

        var replies = await desk.RepliesAsync(2);
        Assert.Equal(English.Greeting, replies[0].Body);
        // Replies can leave before the turn has finished saving; then the message is marked handled.
        var messages = desk.App.Services.GetRequiredService<MessageStore>();
        for (var i = 0; i < 100 && (await messages.PendingInboundAsync("sms", 10, CancellationToken.None)).Count > 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Empty(await messages.PendingInboundAsync("sms", 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_turn_waiting_for_its_commit_gives_its_place_to_the_next_conversation()
    {
        // More conversations waiting than the inbox has places (8), and the database's write lock held elsewhere, so that
        // no turn can commit: every conversation still gets the bot's answer, and all of them go out once the lock is free.
        const int Phones = 12;
        var bot = new AnsweredTurns();
        await using var desk = await SmsDesk.StartAsync(replaceServices: services =>
            services.AddSingleton<IBot>(provider => bot.Around(provider.GetRequiredService<DeskBot>())));
        var conversations = new ConversationStore(desk.Database.Database);
        var messages = new MessageStore(desk.Database.Database);
        for (var phone = 0; phone < Phones; phone++)
        {
            var from = $"+1555555{phone:D4}";
            var id = await conversations.TouchAsync(new ConversationActivity("sms", from, from, null, DateTimeOffset.UtcNow), CancellationToken.None);
            await messages.RecordInboundAsync(new InboundMessage(id, "sms", "my laptop screen is cracked", DateTimeOffset.UtcNow, $"SM_PLACE_{phone}"), CancellationToken.None);
        }

        await using var lockHolder = await SqliteWriteLock.TakeAsync(desk.Database.ConnectionString);
        desk.App.Services.GetRequiredService<SmsInboxProcessor>().Notify();
        for (var wait = 0; wait < 200 && bot.Count < Phones; wait++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(Phones, bot.Count);
        Assert.Equal(0, desk.Twilio.Requests);

        await lockHolder.DisposeAsync();
        var replies = await desk.RepliesAsync(2 * Phones);
        Assert.Equal(Phones, replies.Select(reply => reply.To).Distinct().Count());
        Assert.Equal(Phones, replies.Count(reply => reply.Body == English.Greeting));
    }

    [Fact]
    public async Task A_reply_whose_sending_is_still_being_recorded_is_not_sent_again_and_the_next_to_its_number_waits()
    {
        await using var desk = await SmsDesk.StartAsync();
        var outbox = new OutboxStore(desk.Database.Database);
        const string Other = "+15555550124";
        await outbox.EnqueueAsync(new NewOutboxMessage("sms", Student, SmsDesk.DistrictNumber, "first to the student", null), DateTimeOffset.UtcNow, CancellationToken.None);
        await outbox.EnqueueAsync(new NewOutboxMessage("sms", Student, SmsDesk.DistrictNumber, "second to the student", null), DateTimeOffset.UtcNow, CancellationToken.None);
        await outbox.EnqueueAsync(new NewOutboxMessage("sms", Other, SmsDesk.DistrictNumber, "to the other number", null), DateTimeOffset.UtcNow, CancellationToken.None);

        // The sends go through; recording that they did waits for the lock, and the worker polls meanwhile.
        await using var lockHolder = await SqliteWriteLock.TakeAsync(desk.Database.ConnectionString);
        desk.App.Services.GetRequiredService<Bot.Outbox.OutboxSignal>().Notify();
        var sent = await desk.RepliesAsync(2);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.Equal(["first to the student", "to the other number"], sent.Select(sms => sms.Body).Order());
        Assert.Equal(2, desk.Twilio.Requests);

        await lockHolder.DisposeAsync();
        Assert.Equal("second to the student", (await desk.RepliesAsync(1))[0].Body);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(3, desk.Twilio.Requests);
    }

    /// <summary>Counts the turns the bot has finished answering, whether or not they have committed.</summary>
    private sealed class AnsweredTurns
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public IBot Around(IBot bot) => new Counting(bot, this);

        private sealed class Counting(IBot bot, AnsweredTurns answered) : IBot
        {
            public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
            {
                await bot.OnTurnAsync(turnContext, cancellationToken);
                Interlocked.Increment(ref answered.count);
            }
        }
    }

    [Fact]
    public async Task An_opted_out_number_receives_nothing_until_it_texts_start_and_help_gets_the_help_line()
    {
        await using var desk = await SmsDesk.StartAsync();

        await desk.Webhooks.TextAsync(Student, "STOP");
        await desk.Webhooks.TextAsync(Student, "my wifi is down");
        await desk.Webhooks.TextAsync(Student, "HELP");
        await desk.Webhooks.TextAsync("+15555550999", "HELP");
        var help = await desk.Twilio.NextAsync();
        await desk.Webhooks.TextAsync(Student, "START");
        await desk.Webhooks.TextAsync(Student, "hi");
        var afterStart = await desk.Twilio.NextAsync();

        Assert.Equal(("+15555550999", "Device help desk: 555-0199, school days 7:30–4:30."), (help.To, help.Body));
        Assert.Equal(Student, afterStart.To);
        Assert.False(await desk.App.Services.GetRequiredService<OptOutStore>().IsOptedOutAsync("sms", Student, CancellationToken.None));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task A_turn_writes_to_the_sender_by_the_opt_out_read_with_its_text(bool optedOutWhenRead, bool answered)
    {
        await using var desk = await SmsDesk.StartAsync();
        var conversation = await desk.App.Services.GetRequiredService<ConversationStore>()
            .TouchAsync(new ConversationActivity("sms", Student, Student, null, DateTimeOffset.UtcNow), CancellationToken.None);
        var text = new PendingInbound
        {
            ConversationId = conversation,
            ChannelConversationId = Student,
            Address = Student,
            Text = "hi",
            ExternalId = "SM-read-with-opt-out",
            SenderOptedOut = optedOutWhenRead,
        };

        Assert.True(await desk.App.Services.GetRequiredService<TwilioAdapter>().ProcessAsync(text, desk.App.Services.GetRequiredService<IBot>(), CancellationToken.None));

        var outbox = await desk.App.Services.GetRequiredService<OutboxStore>().ForConversationAsync(conversation, CancellationToken.None);
        Assert.Equal(answered, outbox.Count > 0);
    }

    [Fact]
    public async Task A_reply_queued_before_the_number_opted_out_is_never_sent_and_is_dead_lettered()
    {
        await using var desk = await SmsDesk.StartAsync();
        var database = desk.App.Services.GetRequiredService<Bot.Data.Database>();
        var optOuts = desk.App.Services.GetRequiredService<OptOutStore>();
        var conversation = await desk.App.Services.GetRequiredService<ConversationStore>()
            .TouchAsync(new ConversationActivity("sms", Student, Student, null, DateTimeOffset.UtcNow), CancellationToken.None);

        // Queued and opted out in one commit, so the worker can only ever see both.
        await database.InTransactionAsync(
            async (transaction, token) =>
            {
                await OutboxStore.EnqueueAsync(new NewOutboxMessage("sms", Student, SmsDesk.DistrictNumber, "Step 2: hold the power key.", conversation), DateTimeOffset.UtcNow, transaction, token);
                await optOuts.SetAsync("sms", Student, optedOut: true, transaction, token);
            },
            CancellationToken.None);
        await desk.Webhooks.TextAsync("+15555550999", "HELP");
        var help = await desk.Twilio.NextAsync();

        IReadOnlyList<OutboxEntry> queued = [];
        for (var i = 0; i < 100 && !queued.Any(entry => entry.DeadAt is not null); i++)
        {
            await Task.Delay(50);
            queued = await desk.App.Services.GetRequiredService<OutboxStore>().ForConversationAsync(conversation, CancellationToken.None);
        }

        var entry = Assert.Single(queued);
        Assert.Equal(("opted out", null), (entry.LastError, entry.SentAt));
        Assert.NotNull(entry.DeadAt);
        Assert.Equal("+15555550999", help.To);
        Assert.Equal(0, desk.Twilio.Pending);
    }

    [Fact]
    public async Task Malformed_and_oversized_requests_get_a_4xx_never_a_500()
    {
        await using var desk = await SmsDesk.StartAsync();
        var client = desk.App.CreateClient();

        var json = await client.PostAsync("/api/sms", new StringContent("{\"Body\":\"hi\"}", System.Text.Encoding.UTF8, "application/json"));
        var noSid = await desk.Webhooks.PostAsync("/api/sms", new Dictionary<string, string> { ["From"] = Student, ["Body"] = "hi" });
        var twoSids = new HttpRequestMessage(HttpMethod.Post, "/api/sms") { Content = new StringContent("MessageSid=SM1&MessageSid=SM2&From=%2B15555550123", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
        var huge = await desk.Webhooks.PostAsync("/api/sms", new Dictionary<string, string> { ["MessageSid"] = "SMbig", ["From"] = Student, ["Body"] = new string('x', 100_000) });

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noSid.StatusCode);
        Assert.True((int)(await client.SendAsync(twoSids)).StatusCode is >= 400 and < 500);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task Delivery_reports_are_recorded_on_the_sent_message_and_must_be_signed()
    {
        await using var desk = await SmsDesk.StartAsync();
        await desk.Webhooks.TextAsync(Student, "hello");
        var greeting = (await desk.RepliesAsync(1))[0];

        var unsigned = await desk.Webhooks.PostAsync("/api/sms/status", new Dictionary<string, string> { ["MessageSid"] = greeting.Sid, ["MessageStatus"] = "delivered" }, signature: "nope");
        var failed = await desk.Webhooks.PostAsync("/api/sms/status", new Dictionary<string, string> { ["MessageSid"] = greeting.Sid, ["MessageStatus"] = "undelivered", ["ErrorCode"] = "30003" });

        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        var conversations = desk.App.Services.GetRequiredService<ConversationStore>();
        var id = await conversations.TouchAsync(new ConversationActivity("sms", Student, Student, null, DateTimeOffset.UtcNow), CancellationToken.None);
        // The report may arrive before the worker has recorded the send; it is kept and found once the send is.
        IReadOnlyList<OutboxEntry> sent = [];
        for (var i = 0; i < 100 && !sent.Any(entry => entry.ExternalId == greeting.Sid); i++)
        {
            await Task.Delay(50);
            sent = await desk.App.Services.GetRequiredService<OutboxStore>().ForConversationAsync(id, CancellationToken.None);
        }

        Assert.Contains(sent, entry => entry.ExternalId == greeting.Sid && entry.DeliveryStatus == "undelivered" && entry.DeliveryError == "30003");
    }
}
