using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;

namespace Bot.Data.Insights.Summaries;

/// <summary>
/// Writes rows into one table many at a time, one <c>INSERT … VALUES (…), (…)</c> per batch, inside the caller's
/// transaction: a day summarised again is a few hundred rows, which one statement each would make a few hundred round
/// trips to PostgreSQL. Every column has its type, so that a batch whose column is all nulls still has one.
/// </summary>
internal sealed class BatchInsert(string table, params (string Column, DbType Type)[] columns)
{
    // Not more: SQLite finds each named parameter by a walk along the statement's list, so binding a statement costs
    // the square of its parameters (500 rows of 8 columns made a rebuild ten times slower than one row at a time).
    private const int RowsPerStatement = 50;

    private readonly string insert = $"INSERT INTO {table} ({string.Join(", ", columns.Select(column => column.Column))}) VALUES ";

    public async Task WriteAsync(DbTransaction transaction, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        foreach (var batch in rows.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder(insert);
            var parameters = new DynamicParameters();
            for (var row = 0; row < batch.Length; row++)
            {
                sql.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < columns.Length; column++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"p{row}_{column}");
                    sql.Append(column == 0 ? "@" : ", @").Append(name);
                    parameters.Add(name, batch[row][column], columns[column].Type);
                }

                sql.Append(')');
            }

            await transaction.ExecuteAsync(sql.ToString(), parameters, cancellationToken);
        }
    }
}
