using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Bot.Channels.Teams;

/// <summary>The zip Teams takes: manifest.json and the two icons, all at the zip's root.</summary>
internal static class TeamsAppPackage
{
    /// <summary>Where the build copies the committed icons (Bot.csproj).</summary>
    public static string IconsFolder { get; } = Path.Combine(AppContext.BaseDirectory, "Channels", "Teams", "Icons");

    public static async Task WriteAsync(string path, JsonObject manifest, CancellationToken cancellationToken)
    {
        // Written beside the target and moved over it, so that a failure never leaves half a package to upload.
        var partial = path + ".partial";
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
            await using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
            {
                await AddAsync(zip, TeamsAppManifest.FileName, TeamsAppManifest.ToUtf8(manifest), cancellationToken);
                foreach (var icon in (string[])[TeamsAppManifest.ColorIcon, TeamsAppManifest.OutlineIcon])
                {
                    await AddAsync(zip, icon, await File.ReadAllBytesAsync(Path.Combine(IconsFolder, icon), cancellationToken), cancellationToken);
                }
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static async Task AddAsync(ZipArchive zip, string name, byte[] content, CancellationToken cancellationToken)
    {
        await using var entry = await zip.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(cancellationToken);
        await entry.WriteAsync(content, cancellationToken);
    }
}
