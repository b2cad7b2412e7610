using Bot.Channels.BotConnector;
using Bot.Channels.Sms;
using Bot.Data;
using Bot.Dialogs;
using Bot.Health;
using Bot.Knowledge;

var builder = WebApplication.CreateBuilder(args);
if (KnowledgeCommand.Handles(args))
{
    // A command's standard output is its result: every log line goes to standard error.
    builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
}

builder.Services
    .AddStorage(builder.Configuration, builder.Environment.ContentRootPath)
    .AddDialogs(builder.Configuration)
    .AddBotConnector()
    .AddSms(builder.Configuration)
    .AddHealth();

var app = builder.Build();

if (KnowledgeCommand.Handles(args))
{
    return await KnowledgeCommand.RunAsync(app.Services, args, Console.In, Console.Out, Console.Error, CancellationToken.None);
}

app.MapBotConnector();
app.MapSmsIfEnabled();
app.MapKnowledge();
app.MapHealth();

await app.RunAsync();
return 0;

/// <summary>The host's entry point, visible to the in-process test host.</summary>
public partial class Program;
