using Bot.Data.Contacts;
using Bot.Data.Conversations;
using Bot.Data.Outbox;
using Bot.Outbox;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Sms;

/// <summary>Texts a person first (a technician starting a conversation): logged on the conversation, sent through the outbox.</summary>
public sealed class SmsConversations(
    ConversationStore conversations,
    MessageStore messages,
    OutboxStore outbox,
    OptOutStore optOuts,
    OutboxSignal signal,
    IOptions<TwilioOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// Starts (or continues) the SMS conversation with <paramref name="phone"/> (E.164) with a technician's message.
    /// False, and nothing sent, when SMS is off or the number has opted out.
    /// </summary>
    public async Task<bool> StartAsync(string phone, string text, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || await optOuts.IsOptedOutAsync(TwilioAdapter.Channel, phone, cancellationToken))
        {
            return false;
        }

        var now = time.GetUtcNow();
        var conversation = await conversations.TouchAsync(new ConversationActivity(TwilioAdapter.Channel, phone, phone, null, now), cancellationToken);
        await messages.RecordOutboundAsync(new OutboundMessage(conversation, AuthorKind.Technician, TwilioAdapter.Channel, text, now), cancellationToken);
        foreach (var part in SmsSegments.Split(text))
        {
            await outbox.EnqueueAsync(new NewOutboxMessage(TwilioAdapter.Channel, phone, options.Value.PhoneNumber!, part, conversation), now, cancellationToken);
        }

        signal.Notify();
        return true;
    }
}
