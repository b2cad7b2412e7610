namespace Bot.Data;

/// <summary>The database engines the desk can store its data in (<c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    Sqlite,
    Postgres,
}
