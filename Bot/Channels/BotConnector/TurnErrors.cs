using System.Data.Common;
using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Bot.Channels.BotConnector;

/// <summary>
/// What every adapter does when a turn fails: log the failure without personal data and tell the person, without
/// details, that something went wrong.
/// </summary>
public static partial class TurnErrors
{
    public const string Reply = "Sorry, something went wrong on our side. Please try again in a minute.";

    public static Func<ITurnContext, Exception, Task> Handler(ILogger logger) => async (turnContext, exception) =>
    {
        // The exception's message can quote what the person wrote; its type and the channel are enough to start.
        // A database error's code (never its message, which can quote values) says which kind of failure it was.
        var code = exception is DbException db ? db.SqlState ?? db.ErrorCode.ToString(CultureInfo.InvariantCulture) : null;
        LogTurnFailed(logger, exception.GetType().FullName, code, turnContext.Activity.ChannelId, turnContext.Activity.Type, exception.StackTrace);
        if (turnContext.Activity.Type == ActivityTypes.Message)
        {
            await turnContext.SendActivityAsync(Reply);
        }
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "A turn failed with {ExceptionType} (code {ErrorCode}) on channel {Channel} ({ActivityType}) at {StackTrace}")]
    private static partial void LogTurnFailed(ILogger logger, string? exceptionType, string? errorCode, string channel, string activityType, string? stackTrace);
}
