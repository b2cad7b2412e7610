using Bot.Channels.BotConnector;
using Bot.Data;
using Bot.Dialogs;
using Bot.Health;

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddStorage(builder.Configuration, builder.Environment.ContentRootPath)
    .AddDialogs()
    .AddBotConnector()
    .AddHealth();

var app = builder.Build();

app.MapBotConnector();
app.MapHealth();

app.Run();

/// <summary>The host's entry point, visible to the in-process test host.</summary>
public partial class Program;
