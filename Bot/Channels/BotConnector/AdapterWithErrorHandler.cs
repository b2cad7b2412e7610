using System.Data.Common;
using System.Globalization;
using Bot.Dialogs;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace Bot.Channels.BotConnector;

/// <summary>
/// The Bot Connector adapter (Teams, Azure Direct Line, the Emulator): the desk's middleware, and a turn error
/// that is logged without personal data and answered with an apology that leaks no detail.
/// </summary>
public sealed partial class AdapterWithErrorHandler : CloudAdapter
{
    public const string ErrorReply = "Sorry, something went wrong on our side. Please try again in a minute.";

    public AdapterWithErrorHandler(BotFrameworkAuthentication authentication, IServiceProvider services, ILogger<AdapterWithErrorHandler> logger)
        : base(authentication, logger)
    {
        this.UseDeskMiddleware(services);
        OnTurnError = async (turnContext, exception) =>
        {
            // The exception's message can quote what the person wrote; its type and the channel are enough to start.
            // A database error's code (never its message, which can quote values) says which kind of failure it was.
            var code = exception is DbException db ? db.SqlState ?? db.ErrorCode.ToString(CultureInfo.InvariantCulture) : null;
            LogTurnFailed(logger, exception.GetType().FullName, code, turnContext.Activity.ChannelId, turnContext.Activity.Type, exception.StackTrace);
            if (turnContext.Activity.Type == ActivityTypes.Message)
            {
                await turnContext.SendActivityAsync(ErrorReply);
            }
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A turn failed with {ExceptionType} (code {ErrorCode}) on channel {Channel} ({ActivityType}) at {StackTrace}")]
    private static partial void LogTurnFailed(ILogger logger, string? exceptionType, string? errorCode, string channel, string activityType, string? stackTrace);
}
