namespace Bot.Channels.Teams;

/// <summary>
/// <c>teams package [&lt;output.zip&gt;]</c>: writes the Teams app package (manifest and icons) to upload in Teams
/// Admin Center or as a custom app. Reads settings only: no web server, no database. Exit code 0 when written; 1
/// when a setting is wrong (each one named) or the file cannot be written; 2 for a wrong command line.
/// </summary>
public static class TeamsPackageCommand
{
    public const string DefaultFileName = "teams-app.zip";

    public static bool Handles(string[] args) => args is ["teams", ..];

    public static async Task<int> RunAsync(IConfiguration configuration, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args is not (["teams", "package"] or ["teams", "package", { Length: > 0 }]))
        {
            await error.WriteLineAsync($"Usage: teams package [<output.zip>]   (default: {DefaultFileName} in the current folder)");
            return 2;
        }

        var options = configuration.GetSection(TeamsAppOptions.Section).Get<TeamsAppOptions>() ?? new TeamsAppOptions();
        var microsoftAppId = configuration["MicrosoftAppId"];
        var validation = new TeamsAppOptionsValidator(microsoftAppId).Validate(null, options);
        if (validation.Failed)
        {
            await error.WriteLineAsync("No package was written; fix these settings:");
            foreach (var failure in validation.Failures ?? [])
            {
                await error.WriteLineAsync($"  {failure}");
            }

            return 1;
        }

        var version = string.IsNullOrWhiteSpace(options.Version) ? TeamsAppManifest.VersionOf(typeof(TeamsPackageCommand).Assembly) : options.Version;
        var manifest = TeamsAppManifest.Build(options, microsoftAppId!, version);
        var path = OutputPath(args);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await TeamsAppPackage.WriteAsync(path, manifest, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"No package was written: {ex.Message}");
            return 1;
        }

        await output.WriteLineAsync(path);
        await output.WriteLineAsync(
            $"Teams app '{options.ShortName}' {version}, id {manifest["id"]}, bot {manifest["bots"]![0]!["botId"]}, domain {manifest["validDomains"]![0]}: upload it in Teams Admin Center or as a custom app.");
        return 0;
    }

    /// <summary>The absolute path to write: the argument (a file, or a folder to put the default name in), or the default here.</summary>
    private static string OutputPath(string[] args)
    {
        var path = Path.GetFullPath(args is [_, _, var given] ? given : DefaultFileName);
        return Directory.Exists(path) ? Path.Combine(path, DefaultFileName) : path;
    }
}
