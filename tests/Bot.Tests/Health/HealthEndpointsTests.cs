using System.Net;
using Bot.Data;
using Bot.Testing;
using Bot.Tests.Support;
using Npgsql;

namespace Bot.Tests.Health;

public class HealthEndpointsTests
{
    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_started_app_is_alive_and_ready(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var app = DeskApp.On(database);
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [PostgresFact]
    public async Task When_the_database_goes_away_the_app_is_alive_but_not_ready()
    {
        var database = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        await using var app = DeskApp.On(database);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        await database.DisposeAsync();
        NpgsqlConnection.ClearAllPools();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
    }
}
