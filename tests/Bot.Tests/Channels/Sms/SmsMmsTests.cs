using System.Net;
using Bot.Data.Conversations;
using Bot.Data.Tickets;
using Bot.Dialogs.Engine;
using Bot.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.Sms;

public class SmsMmsTests
{
    private const string Student = "+15555550123";
    private static readonly Texts English = Texts.For("en");

    // The first bytes of real files: enough for the type check, which reads nothing else.
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00, .. new byte[200]];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[100]];

    [Fact]
    public async Task A_photo_is_kept_on_the_ticket_fetched_without_leaking_credentials_to_storage_and_deleted_at_twilio()
    {
        await using var desk = await SmsDesk.StartAsync();

        await desk.Webhooks.TextAsync(Student, "agent");
        await desk.RepliesAsync(1);
        foreach (var answer in new[] { "1", "this morning", "school" })
        {
            await desk.Webhooks.TextAsync(Student, answer);
            await desk.RepliesAsync(1);
        }

        var sid = "MM" + Guid.NewGuid().ToString("N");
        var response = await desk.Webhooks.MediaAsync(Student, "", sid, (desk.Twilio.AddMedia(sid, "image/jpeg", Jpeg), "image/jpeg"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var photoReply = await desk.Twilio.NextAsync();
        await desk.Webhooks.TextAsync(Student, "skip");
        var opened = await desk.Twilio.NextAsync();

        Assert.StartsWith($"{English.PhotoReceived} {English.AskAssetTag}", photoReply.Body, StringComparison.Ordinal);
        Assert.Contains("T-1001", opened.Body, StringComparison.Ordinal);
        var ticket = Assert.Single(await desk.App.Services.GetRequiredService<TicketStore>().OpenForRequesterAsync("sms", Student, CancellationToken.None));
        var photo = Assert.Single(await EventuallyAsync(() => desk.App.Services.GetRequiredService<AttachmentStore>().ForTicketAsync(ticket.Id, CancellationToken.None), files => files.All(f => f.Status != "pending")));
        Assert.Equal(("stored", "image/jpeg", (long?)Jpeg.Length), (photo.Status, photo.ContentType, photo.SizeBytes));
        Assert.Equal(Jpeg, (await desk.App.Services.GetRequiredService<AttachmentStore>().ContentAsync(photo.Id, CancellationToken.None))!.Content);
        Assert.Equal(await MessageIdAsync(desk, sid), photo.MessageId);
        Assert.Equal(
            [$"GET /2010-04-01/Accounts/{desk.Twilio.AccountSid}/Messages/{sid}/Media/ME{1:D32} (credentials)", $"GET /storage/ME{1:D32} (no credentials)"],
            desk.Twilio.MediaRequests);
        await EventuallyAsync(() => Task.FromResult(desk.Twilio.DeletedMedia), deleted => deleted.Count == 1);
    }

    [Fact]
    public async Task Files_that_are_not_photos_are_too_large_or_are_not_at_twilio_are_rejected_with_a_reason()
    {
        await using var desk = await SmsDesk.StartAsync(settings: new() { ["Twilio:MaxMediaBytes"] = "150" });
        var sid = "MM" + Guid.NewGuid().ToString("N");

        await desk.Webhooks.MediaAsync(
            Student,
            "my screen is cracked",
            sid,
            (desk.Twilio.AddMedia(sid, "video/mp4", Jpeg), "video/mp4"),
            (desk.Twilio.AddMedia(sid, "image/jpeg", "<html>not a photo</html>"u8.ToArray()), "image/jpeg"),
            (desk.Twilio.AddMedia(sid, "image/jpeg", Jpeg), "image/jpeg"),
            ("https://files.example.net/photo.jpg", "image/jpeg"),
            (desk.Twilio.AddMedia(sid, "image/png", Png), "image/png"));

        var messageId = await MessageIdAsync(desk, sid);
        var files = await EventuallyAsync(() => desk.App.Services.GetRequiredService<AttachmentStore>().ForMessageAsync(messageId, CancellationToken.None), all => all.All(f => f.Status != "pending"));
        Assert.Equal(
            [
                ("rejected", "not a photo (video/mp4); not fetched"),
                ("rejected", "not a photo: the file's contents are not image/jpeg"),
                ("rejected", "larger than 0.1 KB"),
                ("rejected", "not a Twilio media address (files.example.net); not fetched"),
                ("stored", null),
            ],
            files.Select(f => (f.Status, f.Reason)));
        Assert.Equal("image/png", files[4].ContentType);
        Assert.DoesNotContain(desk.Twilio.MediaRequests, request => request.Contains("ME00000000000000000000000000000001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_photo_twilio_fails_to_serve_for_a_while_is_fetched_later()
    {
        await using var desk = await SmsDesk.StartAsync();
        var sid = "MM" + Guid.NewGuid().ToString("N");
        desk.Twilio.FailNextMedia(2, 503);

        await desk.Webhooks.MediaAsync(Student, "cracked screen", sid, (desk.Twilio.AddMedia(sid, "image/jpeg", Jpeg), "image/jpeg"));

        var messageId = await MessageIdAsync(desk, sid);
        var photo = Assert.Single(await EventuallyAsync(() => desk.App.Services.GetRequiredService<AttachmentStore>().ForMessageAsync(messageId, CancellationToken.None), all => all.All(f => f.Status != "pending")));
        Assert.Equal("stored", photo.Status);
        Assert.Equal(3, desk.Twilio.MediaRequests.Count(request => request.Contains("(credentials)", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("11")]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("1")]
    public async Task A_form_whose_media_fields_do_not_add_up_is_malformed(string numMedia)
    {
        await using var desk = await SmsDesk.StartAsync();
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = "MM1",
            ["From"] = Student,
            ["To"] = SmsDesk.DistrictNumber,
            ["Body"] = "",
            ["NumMedia"] = numMedia,
        };

        var response = await desk.Webhooks.PostAsync("/api/sms", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await desk.App.Services.GetRequiredService<MessageStore>().PendingInboundAsync("sms", 10, CancellationToken.None));
    }

    private static async Task<long> MessageIdAsync(SmsDesk desk, string sid)
    {
        await using var connection = await desk.Database.Database.OpenAsync(CancellationToken.None);
        return await connection.QuerySingleAsync<long>("SELECT id FROM messages WHERE external_id = @Sid", new { Sid = sid });
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
