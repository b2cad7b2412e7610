using Bot.Data;
using Bot.Testing;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Bot.Tests;

public class StartupTests
{
    [Fact]
    public void An_unknown_storage_provider_stops_start_up_and_names_the_setting()
    {
        using var app = new DeskApp(new() { ["Storage:Provider"] = "Mongo" });

        var error = app.FailedStartup();

        Assert.Contains("Storage:Provider is 'Mongo', which this app does not support. Set it to Sqlite or Postgres.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_without_a_connection_string_stops_start_up_and_says_so()
    {
        using var app = new DeskApp(new() { ["Storage:Provider"] = "Postgres", ["ConnectionStrings:Bot"] = "" });

        var error = app.FailedStartup();

        Assert.Contains("ConnectionStrings:Bot is empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_database_stops_start_up_and_says_what_to_check()
    {
        var port = Ports.Closed();
        using var app = new DeskApp(new()
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Bot"] = $"Host=127.0.0.1;Port={port};Database=desk;Username=desk;Timeout=3",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var failure = Assert.IsType<StorageUnavailableException>(Unwrap(error));
        Assert.Contains($"Could not prepare the PostgreSQL database 'desk' on 127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_sqlite_database_is_created_on_first_run()
    {
        var contentRoot = Directory.CreateTempSubdirectory("bot-content-").FullName;
        try
        {
            using (var app = new DeskApp(new()))
            {
                using var client = app.WithWebHostBuilder(builder => builder.UseContentRoot(contentRoot)).CreateClient();
                Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
            }

            Assert.True(File.Exists(Path.Combine(contentRoot, "data", "bot.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(contentRoot, recursive: true);
        }
    }

    private static StorageUnavailableException? Unwrap(Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is StorageUnavailableException found)
            {
                return found;
            }
        }

        return null;
    }
}
