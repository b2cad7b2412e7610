using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bot.Data;
using Bot.Testing;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.WebChat;

/// <summary>Azure Bot Service mode: the token route exchanges the Direct Line secret at Azure, and only the token leaves.</summary>
public class AzureDirectLineTokensTests
{
    [Fact]
    public async Task With_a_secret_the_page_gets_an_Azure_token_for_a_dl_user_and_Azures_domain_and_the_secret_appears_nowhere()
    {
        await using var azure = await AzureDirectLineServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: AzureMode(azure.Endpoint, azure.Secret));
        var client = app.CreateClient();

        using var response = await client.PostAsync("/api/webchat/token", null);
        var text = await response.Content.ReadAsStringAsync();
        var ownDirectLine = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/v3/directline", StringComparison.Ordinal) == true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(text)!;
        Assert.Equal(
            ("AzConv0001-us", "ew0KICAiYWxnIjog.azure-token-1", 3600, azure.Endpoint),
            ((string?)body["conversationId"], (string?)body["token"], (int?)body["expires_in"], (string?)body["domain"]));
        Assert.StartsWith("dl_", (string?)body["userId"], StringComparison.Ordinal);
        Assert.Equal([(string?)body["userId"]], azure.Users);
        Assert.DoesNotContain(azure.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(azure.Secret, StringComparison.Ordinal));
        Assert.Empty(ownDirectLine);
    }

    [Fact]
    public async Task A_refused_secret_or_a_failing_Azure_gives_the_page_a_502_that_says_so_and_never_the_secret()
    {
        await using var azure = await AzureDirectLineServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var wrongSecret = DeskApp.On(database, settings: AzureMode(azure.Endpoint, "a-secret-azure-does-not-know-42"));
        await using var app = DeskApp.On(database, settings: AzureMode(azure.Endpoint, azure.Secret));

        using var refused = await wrongSecret.CreateClient().PostAsync("/api/webchat/token", null);
        azure.FailNext(3, 500);
        using var failing = await app.CreateClient().PostAsync("/api/webchat/token", null);
        using var recovered = await app.CreateClient().PostAsync("/api/webchat/token", null);

        Assert.Equal((HttpStatusCode.BadGateway, HttpStatusCode.BadGateway), (refused.StatusCode, failing.StatusCode));
        Assert.Equal("BadGateway", (string?)(await failing.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(1 + 3 + 1, azure.Requests);
        foreach (var (secret, desk, response) in new[] { ("a-secret-azure-does-not-know-42", wrongSecret, refused), (azure.Secret, app, failing) })
        {
            Assert.DoesNotContain(secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(desk.Logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.Contains(desk.Logs.Lines, line => line.Contains("Azure's Direct Line answered", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_unreachable_Azure_endpoint_gives_the_page_a_503_that_says_so()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: AzureMode($"http://127.0.0.1:{Ports.Closed()}/v3/directline", "azure-directline-secret-0123456789"));

        using var response = await app.CreateClient().PostAsync("/api/webchat/token", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("ServiceUnavailable", (string?)body!["error"]!["code"]);
        Assert.Contains("Try again", (string?)body["error"]!["message"], StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains("azure-directline-secret-0123456789", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://directline.example.com/v3/directline")]
    [InlineData("directline.botframework.com")]
    public async Task An_Azure_endpoint_that_would_expose_the_secret_stops_start_up_and_names_the_setting(string endpoint)
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: AzureMode(endpoint, "azure-directline-secret-0123456789"));

        var error = app.FailedStartup();

        Assert.Contains("DirectLine:AzureEndpoint", error, StringComparison.Ordinal);
        Assert.DoesNotContain("azure-directline-secret-0123456789", error, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> AzureMode(string endpoint, string secret) => new()
    {
        ["DirectLine:Secret"] = secret,
        ["DirectLine:AzureEndpoint"] = endpoint,
        ["Knowledge:Semantic"] = "false",
    };
}
