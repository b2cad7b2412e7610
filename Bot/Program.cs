using Bot.Channels.BotConnector;
using Bot.Channels.Sms;
using Bot.Channels.Teams;
using Bot.Channels.WebChat;
using Bot.Console;
using Bot.Data;
using Bot.Dialogs;
using Bot.Health;
using Bot.Importing;
using Bot.Insights;
using Bot.Knowledge;
using Bot.Samples;

var builder = WebApplication.CreateBuilder(args);

// The console's script (_framework/blazor.web.js) comes from the framework's static web assets: found through the
// build's manifest when run with `dotnet run` in any environment, and copied into the output when published.
builder.WebHost.UseStaticWebAssets();
var isCommand = KnowledgeCommand.Handles(args) || ImportCommand.Handles(args) || SampleCommand.Handles(args) || AdminCommand.Handles(args) || TeamsPackageCommand.Handles(args);
if (isCommand)
{
    // A command's standard output is its result: every log line goes to standard error.
    builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
}

builder.Services
    .AddStorage(builder.Configuration, builder.Environment.ContentRootPath)
    .AddDialogs(builder.Configuration)
    .AddBotConnector()
    .AddSms(builder.Configuration)
    .AddWebChat(builder.Configuration)
    .AddTeams(builder.Configuration)
    .AddSpikeAlerts(builder.Configuration)
    .AddSummaryRefresh(builder.Configuration)
    .AddHelpPages(builder.Configuration)
    .AddHealth()
    .AddConsole(builder.Configuration);
builder.Services.AddOptions<SampleOptions>().Bind(builder.Configuration.GetSection(SampleOptions.Section));
if (!isCommand)
{
    builder.Services.AddHostedService<SampleDistrictLoader>();
}

var app = builder.Build();

if (KnowledgeCommand.Handles(args))
{
    return await KnowledgeCommand.RunAsync(app.Services, args, Console.In, Console.Out, Console.Error, CancellationToken.None);
}

if (ImportCommand.Handles(args))
{
    return await ImportCommand.RunAsync(app.Services, args, Console.Out, Console.Error, CancellationToken.None);
}

if (AdminCommand.Handles(args))
{
    return await AdminCommand.RunAsync(app.Services, args, Console.In, Console.Out, Console.Error, CancellationToken.None);
}

if (SampleCommand.Handles(args))
{
    return await SampleCommand.RunAsync(args, Console.Out, Console.Error);
}

if (TeamsPackageCommand.Handles(args))
{
    return await TeamsPackageCommand.RunAsync(app.Configuration, args, Console.Out, Console.Error, CancellationToken.None);
}

app.MapBotConnector();
app.MapSmsIfEnabled();
app.MapDirectLine();
app.MapWebChatPage();
app.MapKnowledge();
app.MapHelpPages();
app.MapHealth();
app.MapConsole();

await app.RunAsync();
return 0;

/// <summary>The host's entry point, visible to the in-process test host.</summary>
public partial class Program;
