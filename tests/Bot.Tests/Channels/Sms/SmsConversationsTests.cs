using Bot.Channels.Sms;
using Bot.Data.Contacts;
using Bot.Data.Conversations;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.Sms;

public class SmsConversationsTests
{
    [Fact]
    public async Task A_technician_can_text_a_student_first_unless_they_opted_out()
    {
        await using var desk = await SmsDesk.StartAsync();
        var sms = desk.App.Services.GetRequiredService<SmsConversations>();
        await desk.App.Services.GetRequiredService<OptOutStore>().SetAsync("sms", "+15555550777", optedOut: true, CancellationToken.None);

        var started = await sms.StartAsync("+15555550123", "Hi, this is Ms. Rivera from the help desk. Your new charger is ready at the front office.", CancellationToken.None);
        var refused = await sms.StartAsync("+15555550777", "Hello", CancellationToken.None);
        var sent = await desk.Twilio.NextAsync();

        Assert.True(started);
        Assert.False(refused);
        Assert.Equal(("+15555550123", SmsDesk.DistrictNumber), (sent.To, sent.From));
        Assert.StartsWith("Hi, this is Ms. Rivera", sent.Body, StringComparison.Ordinal);
        var id = await desk.App.Services.GetRequiredService<ConversationStore>().TouchAsync(
            new ConversationActivity("sms", "+15555550123", null, null, DateTimeOffset.UtcNow), CancellationToken.None);
        var logged = Assert.Single(await desk.App.Services.GetRequiredService<MessageStore>().TranscriptAsync(id, CancellationToken.None));
        Assert.Equal(("out", "technician"), (logged.Direction, logged.AuthorKind));
    }
}
