using DbUp.Builder;

namespace Bot.Data.Dialects;

/// <summary>Everything that differs between database engines, in one place per engine.</summary>
public abstract class SqlDialect
{
    public abstract StorageProvider Provider { get; }

    /// <summary>
    /// The engine lets one transaction write at a time; the app then commits concurrent transactions in groups
    /// rather than leave them to the engine's sleep-and-retry busy handler, whose waits grow to a hundred milliseconds.
    /// </summary>
    public virtual bool OneWriterAtATime => false;

    /// <summary>The folder under <c>Schema/</c> that holds this engine's migration scripts.</summary>
    public string SchemaFolder => Provider.ToString();

    /// <summary>
    /// SQL that is true when <paramref name="column"/> equals any element of the list parameter
    /// <paramref name="parameter"/> (Dapper sends lists to PostgreSQL as one array, to others as expanded values).
    /// </summary>
    public abstract string AnyOf(string column, string parameter);

    /// <summary>Empties the full-text index before the articles are written again (parameters: none).</summary>
    public abstract string ClearSearchIndexSql { get; }

    /// <summary>Indexes one article (parameters: @Id, @Config, and accent-folded @Title, @Keywords, @Summary, @Body).</summary>
    public abstract string IndexArticleSql { get; }

    /// <summary>
    /// Full-text search (parameters: @Query from <see cref="AnyTermQuery"/>, @Language, @Config, @Limit) returning
    /// Id, Slug, Topic, Title and Score (higher is better), best first.
    /// </summary>
    public abstract string LexicalSearchSql { get; }

    /// <summary>The <see cref="LexicalSearchSql"/> score of a fair match, where a score maps to one half on a 0–1 scale.</summary>
    public abstract double LexicalScoreScale { get; }

    /// <summary>A full-text query that matches any of the (folded, alphanumeric) terms.</summary>
    public abstract string AnyTermQuery(IReadOnlyList<string> terms);

    /// <summary>Where the stores' connections to <paramref name="connectionString"/> come from, set up for them.</summary>
    public abstract ConnectionSource ConnectionsFor(string connectionString);

    /// <summary>
    /// A statement that, run first in a transaction, keeps every other transaction from writing to
    /// <paramref name="table"/> (and from taking this lock) until it ends; null where a write transaction already
    /// excludes every other writer.
    /// </summary>
    public virtual string? ExclusiveWriteLockSql(string table) => null;

    /// <summary>Database-wide settings that cannot run inside a migration's transaction; run before migrating.</summary>
    public virtual Task PrepareDatabaseAsync(string connectionString, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A DbUp builder aimed at this engine.</summary>
    public abstract UpgradeEngineBuilder MigrationsTarget(string connectionString);

    /// <summary>
    /// Holds an exclusive lock across processes while migrations run, so that two instances starting at once
    /// do not both apply the same script.
    /// </summary>
    public abstract Task<IAsyncDisposable> AcquireMigrationLockAsync(string connectionString, CancellationToken cancellationToken);

    /// <summary>Names the database for error messages (server, port, database or file), never the credentials.</summary>
    public abstract string Describe(string connectionString);
}
