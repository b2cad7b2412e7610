using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bot.Tests.Deployment;

public partial class DeploymentTemplateTests
{
    private static readonly string Root = FindRepositoryRoot();
    private static readonly JsonObject Template = Load("deploymentTemplates/template.json");
    private static readonly JsonObject Parameters = Load("deploymentTemplates/template.parameters.json");

    /// <summary>Settings whose defaults in appsettings.json suit Azure as they are.</summary>
    private static readonly string[] DefaultedPrefixes = ["Logging__", "AllowedHosts", "Knowledge__", "People__", "Desk__Calendar__DayStart", "Desk__Calendar__DayEnd", "Desk__Calendar__WorkDays", "Desk__Calendar__Holidays"];

    [Fact]
    public void The_web_app_is_given_every_setting_the_app_reads_from_appsettings()
    {
        var required = Leaves(Load("Bot/appsettings.json"), prefix: null)
            .Where(key => !DefaultedPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();

        var supplied = AppSettings().Select(setting => (string)setting["name"]!).ToList();

        Assert.Contains("MicrosoftAppId", required);
        Assert.Contains("ConnectionStrings__Bot", required);
        Assert.Contains("Desk__Calendar__TimeZone", required);
        Assert.All(required, key => Assert.Contains(key, supplied));
    }

    [Fact]
    public void Every_parameter_used_is_declared_and_every_required_one_is_supplied_except_secrets()
    {
        var declared = Template["parameters"]!.AsObject();
        var used = ParameterReference().Matches(Template.ToJsonString()).Select(match => match.Groups[1].Value).Distinct();

        Assert.All(used, name => Assert.True(declared.ContainsKey(name), $"'{name}' is used but not declared"));
        foreach (var (name, definition) in declared)
        {
            var hasDefault = definition!.AsObject().ContainsKey("defaultValue");
            var secret = (string?)definition["type"] == "securestring";
            if (!hasDefault && !secret)
            {
                Assert.True(Parameters["parameters"]!.AsObject().ContainsKey(name), $"'{name}' has no default and no value in the parameters file");
            }

            if (secret)
            {
                Assert.False(Parameters["parameters"]!.AsObject().ContainsKey(name), $"secret '{name}' must be given at deployment, not in a file");
            }
        }

        Assert.All(Parameters["parameters"]!.AsObject(), parameter => Assert.True(declared.ContainsKey(parameter.Key)));
    }

    [Fact]
    public void The_bot_answers_at_api_messages_on_dotnet_10_with_teams_and_direct_line()
    {
        var resources = Template["resources"]!.AsArray().Select(resource => resource!.AsObject()).ToList();
        var site = resources.Single(r => (string?)r["type"] == "Microsoft.Web/sites");
        var bot = resources.Single(r => (string?)r["type"] == "Microsoft.BotService/botServices");
        var channels = resources.Where(r => (string?)r["type"] == "Microsoft.BotService/botServices/channels")
            .Select(r => (string?)r["properties"]!["channelName"]).ToList();

        Assert.Equal("DOTNETCORE|10.0", (string?)site["properties"]!["siteConfig"]!["linuxFxVersion"]);
        Assert.Equal("[variables('messagingEndpoint')]", (string?)bot["properties"]!["endpoint"]);
        Assert.EndsWith("/api/messages')]", (string?)Template["variables"]!["messagingEndpoint"], StringComparison.Ordinal);
        Assert.Equal(["MsTeamsChannel", "DirectLineChannel"], channels);
        Assert.Equal("/readyz", (string?)site["properties"]!["siteConfig"]!["healthCheckPath"]);
    }

    private static IEnumerable<JsonObject> AppSettings()
    {
        var site = Template["resources"]!.AsArray().Single(r => (string?)r!["type"] == "Microsoft.Web/sites")!;
        return site["properties"]!["siteConfig"]!["appSettings"]!.AsArray().Select(setting => setting!.AsObject());
    }

    /// <summary>Configuration keys as App Service environment variables name them (':' becomes '__').</summary>
    private static IEnumerable<string> Leaves(JsonObject node, string? prefix)
    {
        foreach (var (key, value) in node)
        {
            var name = prefix is null ? key : $"{prefix}__{key}";
            if (value is JsonObject child)
            {
                foreach (var leaf in Leaves(child, name))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return name;
            }
        }
    }

    private static JsonObject Load(string relativePath) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Root, relativePath)))!.AsObject();

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Bot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Bot.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"parameters\('([^']+)'\)")]
    private static partial Regex ParameterReference();
}
