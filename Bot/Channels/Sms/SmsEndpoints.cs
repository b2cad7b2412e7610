using System.Data.Common;
using Bot.Data;
using Bot.Data.Contacts;
using Bot.Data.Conversations;
using Bot.Data.Outbox;
using Bot.Outbox;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Sms;

/// <summary>
/// Twilio's webhooks. <c>POST /api/sms</c>: a signed text is stored once (its MessageSid is the key), acknowledged
/// with an empty TwiML response at once, and handled afterwards. <c>POST /api/sms/status</c>: delivery reports.
/// </summary>
public static partial class SmsEndpoints
{
    public const string InboundPath = "/api/sms";
    public const string StatusPath = "/api/sms/status";

    /// <summary>Twilio's requests are a few kilobytes; anything much larger is not Twilio.</summary>
    public const long MaxRequestBytes = 64 * 1024;

    private const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    public static IEndpointRouteBuilder MapSms(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(InboundPath, ReceiveAsync);
        endpoints.MapPost(StatusPath, StatusAsync);
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext http,
        TwilioSignature signature,
        Database database,
        OptOutStore optOuts,
        OutboxSignal outboxSignal,
        SmsInboxProcessor inbox,
        SmsMediaFetcher mediaFetcher,
        IOptions<TwilioOptions> options,
        TimeProvider time,
        ILogger<TwilioAdapter> logger)
    {
        var (form, problem) = await ReadSignedFormAsync(http, signature);
        if (problem is not null)
        {
            return problem;
        }

        var sid = form!["MessageSid"].ToString();
        var from = form["From"].ToString();
        if (string.IsNullOrEmpty(sid) || string.IsNullOrEmpty(from) || form["MessageSid"].Count > 1 || form["From"].Count > 1)
        {
            return Results.Problem("A text needs exactly one MessageSid and one From.", statusCode: StatusCodes.Status400BadRequest);
        }

        var (media, mediaProblem) = SmsMedia.Read(form);
        if (mediaProblem is not null)
        {
            return Results.Problem(mediaProblem, statusCode: StatusCodes.Status400BadRequest);
        }

        var body = string.Join('\n', form["Body"].Where(part => !string.IsNullOrEmpty(part)));
        var cancellation = http.RequestAborted;
        var now = time.GetUtcNow();
        var keyword = SmsKeywords.Classify(body);
        // The text, its files and what a keyword does (opt-out, opt-in, the HELP reply) commit together: a STOP
        // can never be left stored but unrecorded, to be answered by the bot after a crash.
        var next = await database.InTransactionAsync(
            async (transaction, token) =>
            {
                var conversation = await ConversationStore.TouchAsync(new ConversationActivity(TwilioAdapter.Channel, from, from, null, now), transaction, token);
                var message = await MessageStore.RecordInboundAsync(new InboundMessage(conversation, TwilioAdapter.Channel, body, now, sid), transaction, token);
                if (message.AlreadyProcessed)
                {
                    return Next.Nothing;
                }

                await AttachmentStore.RecordAsync(message.MessageId, media, now, transaction, token);
                var handled = await HandleKeywordAsync(keyword, from, conversation, optOuts, options.Value, now, transaction, token);
                if (handled != Next.Bot)
                {
                    await MessageStore.MarkProcessedAsync(message.MessageId, now, transaction, token);
                }

                return handled;
            },
            cancellation);

        if (media.Count > 0 && next != Next.Nothing)
        {
            mediaFetcher.Notify();
        }

        switch (next)
        {
            case Next.Bot:
                inbox.Notify();
                break;
            case Next.Deliver:
                outboxSignal.Notify();
                break;
        }

        if (keyword is SmsKeyword.Stop or SmsKeyword.Start && next != Next.Nothing)
        {
            LogKeyword(logger, keyword == SmsKeyword.Stop ? "opt-out" : "opt-in");
        }

        return Twiml();
    }

    /// <summary>What a keyword does, inside the transaction that stores its text; <see cref="Next.Bot"/> for anything else.</summary>
    private static async Task<Next> HandleKeywordAsync(
        SmsKeyword keyword, string from, long conversation, OptOutStore optOuts, TwilioOptions options, DateTimeOffset now, DbTransaction transaction, CancellationToken cancellationToken)
    {
        switch (keyword)
        {
            case SmsKeyword.Stop:
                await optOuts.SetAsync(TwilioAdapter.Channel, from, optedOut: true, transaction, cancellationToken);
                return Next.Handled;
            case SmsKeyword.Start when await OptOutStore.IsOptedOutAsync(TwilioAdapter.Channel, from, transaction, cancellationToken):
                await optOuts.SetAsync(TwilioAdapter.Channel, from, optedOut: false, transaction, cancellationToken);
                return Next.Handled;
            case SmsKeyword.Help when !await OptOutStore.IsOptedOutAsync(TwilioAdapter.Channel, from, transaction, cancellationToken):
                await OutboxStore.EnqueueAsync(new NewOutboxMessage(TwilioAdapter.Channel, from, options.PhoneNumber!, options.HelpReply, conversation), now, transaction, cancellationToken);
                return Next.Deliver;
            default:
                return Next.Bot;
        }
    }

    /// <summary>What is left to do once a text is stored.</summary>
    private enum Next
    {
        /// <summary>A redelivery of a text already handled.</summary>
        Nothing,

        /// <summary>A keyword, fully handled.</summary>
        Handled,

        /// <summary>A keyword whose reply waits in the outbox.</summary>
        Deliver,

        /// <summary>Anything else: the bot answers it from the inbox.</summary>
        Bot,
    }

    private static async Task<IResult> StatusAsync(HttpContext http, TwilioSignature signature, OutboxStore outbox, TimeProvider time)
    {
        var (form, problem) = await ReadSignedFormAsync(http, signature);
        if (problem is not null)
        {
            return problem;
        }

        var sid = form!["MessageSid"].ToString();
        var status = form["MessageStatus"].ToString();
        if (string.IsNullOrEmpty(sid) || string.IsNullOrEmpty(status))
        {
            return Results.Problem("A status report needs MessageSid and MessageStatus.", statusCode: StatusCodes.Status400BadRequest);
        }

        var errorCode = form["ErrorCode"].ToString();
        await outbox.RecordDeliveryStatusAsync(TwilioAdapter.Channel, sid, status, string.IsNullOrEmpty(errorCode) ? null : errorCode, time.GetUtcNow(), http.RequestAborted);
        return Twiml();
    }

    /// <summary>The form, if the request is a form of sensible size signed by Twilio; else the 4xx to answer.</summary>
    private static async Task<(IFormCollection? Form, IResult? Problem)> ReadSignedFormAsync(HttpContext http, TwilioSignature signature)
    {
        var request = http.Request;
        if (request.ContentLength > MaxRequestBytes)
        {
            return (null, Results.Problem("The request is too large.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        if (!request.HasFormContentType)
        {
            return (null, Results.Problem("Expected a form (application/x-www-form-urlencoded).", statusCode: StatusCodes.Status400BadRequest));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { ValueLengthLimit = (int)MaxRequestBytes, ValueCountLimit = 200 }, http.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return (null, Results.Problem("The form could not be read.", statusCode: StatusCodes.Status400BadRequest));
        }

        return signature.IsValid(request, form)
            ? (form, null)
            : (null, Results.Problem("Missing or wrong X-Twilio-Signature.", statusCode: StatusCodes.Status403Forbidden));
    }

    private static IResult Twiml() => Results.Content(EmptyTwiml, "text/xml");

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS keyword handled: {Kind}")]
    private static partial void LogKeyword(ILogger logger, string kind);
}
