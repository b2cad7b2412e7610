using Bot.Data.Importing;

namespace Bot.Data.Contacts.OneRoster;

/// <summary>How an export delivers each file: <c>bulk</c> (the whole set), <c>delta</c> (changes) or <c>absent</c>.</summary>
public enum FileMode
{
    Absent,
    Bulk,
    Delta,
}

/// <summary>OneRoster's <c>manifest.csv</c>: which files the export holds, and how.</summary>
public sealed class OneRosterManifest(IReadOnlyDictionary<string, string> properties)
{
    public const string FileName = "manifest.csv";

    public string? Version => properties.GetValueOrDefault("oneroster.version");

    /// <summary>The mode the manifest gives a file such as <c>users</c>.</summary>
    public FileMode ModeOf(string file) => properties.GetValueOrDefault($"file.{file}")?.ToLowerInvariant() switch
    {
        "bulk" => FileMode.Bulk,
        "delta" => FileMode.Delta,
        _ => FileMode.Absent,
    };

    /// <summary>Every file the manifest says the export holds (bulk or delta), such as <c>users.csv</c>.</summary>
    public IEnumerable<string> DeclaredFiles =>
        properties.Keys
            .Where(key => key.StartsWith("file.", StringComparison.OrdinalIgnoreCase))
            .Select(key => key["file.".Length..])
            .Where(file => ModeOf(file) != FileMode.Absent)
            .Select(file => $"{file}.csv");

    public static OneRosterManifest Read(CsvRows rows)
    {
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows.Read())
        {
            properties[row["propertyName"]] = row["value"];
        }

        return new OneRosterManifest(properties);
    }
}
