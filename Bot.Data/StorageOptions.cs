namespace Bot.Data;

/// <summary>Where the desk keeps its data: <c>Storage:Provider</c> and <c>ConnectionStrings:Bot</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string ConnectionStringName = "Bot";

    /// <summary>The provider's name as configured; validated at start-up (see <see cref="StorageOptionsValidator"/>).</summary>
    public string Provider { get; set; } = nameof(StorageProvider.Sqlite);

    /// <summary>From <c>ConnectionStrings:Bot</c>; for SQLite it defaults to <c>data/bot.db</c> under the content root.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Reads <see cref="Provider"/> by name only: numbers and unknown names are not providers.</summary>
    public bool TryGetProvider(out StorageProvider provider)
    {
        provider = default;
        return !int.TryParse(Provider, out _)
            && Enum.TryParse(Provider, ignoreCase: true, out provider)
            && Enum.IsDefined(provider);
    }
}
