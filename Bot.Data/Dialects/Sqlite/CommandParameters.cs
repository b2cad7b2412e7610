using Microsoft.Data.Sqlite;

namespace Bot.Data.Dialects.Sqlite;

/// <summary>The parameters of a <see cref="PreparedCommand"/>: the provider's own collection, bound to the kept statement when it runs.</summary>
internal sealed class CommandParameters : SqliteParameterCollection;
