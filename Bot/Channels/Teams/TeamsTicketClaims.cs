using Bot.Data.Accounts;
using Bot.Data.Contacts;
using Bot.Data.Tickets;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace Bot.Channels.Teams;

/// <summary>
/// The Claim button on an escalation card: the ticket goes to the technician who pressed it (matched by their Teams
/// email or sign-in name to an active console account), and the card then says who has it, for everyone in the
/// channel. Whoever comes second is told, politely, who was first.
/// </summary>
public sealed partial class TeamsTicketClaims(
    TicketStore tickets,
    TicketActions actions,
    AccountStore accounts,
    PeopleStore people,
    BusinessCalendar calendar,
    AuditLog audit,
    TeamsSignIns signIns,
    IOptions<TeamsAppOptions> app,
    ILogger<TeamsTicketClaims> logger)
{
    public async Task<AdaptiveCardInvokeResponse> ClaimAsync(ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invoke, CancellationToken cancellationToken)
    {
        if (invoke.Action?.Verb != EscalationCard.ClaimVerb || TicketNumber(invoke.Action.Data) is not { } number)
        {
            return Response(400, "application/vnd.microsoft.error", new JObject { ["code"] = "BadRequest", ["message"] = "This card has no such action." });
        }

        if (await tickets.FindAsync(number, cancellationToken) is not { } ticket)
        {
            return Say($"Ticket {number} was not found.");
        }

        if (await TechnicianAsync(turnContext, cancellationToken) is not { } technician)
        {
            return Say("Only desk technicians can claim tickets. Ask a desk administrator for a console account with your work email.");
        }

        var won = await actions.ClaimAsync(ticket.Id, technician.Email, cancellationToken);
        var holder = won ? technician : await HolderAsync(number, cancellationToken);
        var facts = EscalationFacts.Of(
            ticket.Number,
            ticket.PersonId is { } personId ? await people.ByIdAsync(personId, cancellationToken) : null,
            ticket.Channel,
            ticket.Category,
            ticket.FirstResponseDueAt,
            ticket.Summary,
            calendar,
            app.Value.PublicUrl);
        var holderName = holder?.DisplayName ?? "another technician";
        if (!won)
        {
            return Card(EscalationCard.Build(facts, holderName, $"{technician.DisplayName}, {holderName} already has this ticket."));
        }

        await audit.RecordAsync(technician.Id, "ticket.claim", ticket.Number, "from Teams", cancellationToken);
        var claimed = EscalationCard.Build(facts, holderName);
        await ShowEveryoneAsync(turnContext, claimed, cancellationToken);
        return Card(claimed);
    }

    /// <summary>The card in the channel changes for everyone, not only for the technician who pressed the button.</summary>
    private async Task ShowEveryoneAsync(ITurnContext<IInvokeActivity> turnContext, Attachment card, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.ReplyToId is not { Length: > 0 } cardActivityId)
        {
            return;
        }

        var update = (Activity)Activity.CreateMessageActivity();
        update.Id = cardActivityId;
        update.Attachments = [card];
        try
        {
            await turnContext.UpdateActivityAsync(update, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The claim stands and the presser sees the new card; the others see it on their next refresh.
            LogCardNotUpdated(logger, ex.GetType().FullName);
        }
    }

    private async Task<Account?> TechnicianAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        foreach (var signIn in await signIns.OfSenderAsync(turnContext, cancellationToken))
        {
            if (await accounts.FindByEmailAsync(signIn, cancellationToken) is { Active: true } account)
            {
                return account;
            }
        }

        return null;
    }

    private async Task<Account?> HolderAsync(string number, CancellationToken cancellationToken) =>
        (await tickets.FindAsync(number, cancellationToken))?.Assignee is { } email ? await accounts.FindByEmailAsync(email, cancellationToken) : null;

    private static string? TicketNumber(object? data) =>
        (data is JObject json ? json : data is null ? null : JObject.FromObject(data))?[EscalationCard.TicketField]?.Value<string>();

    private static AdaptiveCardInvokeResponse Card(Attachment card) => Response(200, AdaptiveCardParts.ContentType, card.Content);

    private static AdaptiveCardInvokeResponse Say(string text) => Response(200, "application/vnd.microsoft.activity.message", text);

    private static AdaptiveCardInvokeResponse Response(int status, string type, object value) =>
        new() { StatusCode = status, Type = type, Value = value };

    [LoggerMessage(Level = LogLevel.Warning, Message = "A claimed ticket's card could not be updated for the channel ({ExceptionType})")]
    private static partial void LogCardNotUpdated(ILogger logger, string? exceptionType);
}
