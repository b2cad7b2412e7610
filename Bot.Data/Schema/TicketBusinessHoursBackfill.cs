using System.Data;
using System.Globalization;
using System.Text;
using Bot.Data.Tickets;
using DbUp.Engine;

namespace Bot.Data.Schema;

/// <summary>
/// Migration 0014: fills the business hours that 0013 added for tickets answered or resolved before the columns
/// existed, on the district's calendar as configured now (as the reports computed them). Runs inside DbUp's
/// transaction for the script, in batches of one UPDATE … FROM (VALUES …) each, so that a million tickets take a few
/// hundred statements rather than a million round trips.
/// </summary>
internal sealed class TicketBusinessHoursBackfill(BusinessCalendar calendar) : IScript
{
    public const string Name = "0014_ticket_business_hours_backfill";

    private const int BatchSize = 500;

    private const string SelectSql = """
        SELECT id, created_at, first_response_at, resolved_at FROM tickets
        WHERE (first_response_at IS NOT NULL AND first_response_business_hours IS NULL)
           OR (resolved_at IS NOT NULL AND resolution_business_hours IS NULL)
        """;

    private static readonly DateTimeOffsetHandler Times = new();

    public string ProvideScript(Func<IDbCommand> dbCommandFactory)
    {
        var rows = new List<(long Id, double? FirstResponse, double? Resolution)>();
        using (var select = dbCommandFactory())
        {
            select.CommandText = SelectSql;
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var created = Times.Parse(reader.GetValue(1));
                rows.Add((reader.GetInt64(0), HoursTo(reader.GetValue(2)), HoursTo(reader.GetValue(3))));

                double? HoursTo(object value) => value is DBNull ? null : calendar.BusinessTimeBetween(created, Times.Parse(value)).TotalHours;
            }
        }

        foreach (var batch in rows.Chunk(BatchSize))
        {
            using var update = dbCommandFactory();
            var values = new StringBuilder();
            for (var i = 0; i < batch.Length; i++)
            {
                values.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}(@Id{i}, @First{i}, @Resolution{i})");
                Add(update, $"Id{i}", DbType.Int64, batch[i].Id);
                Add(update, $"First{i}", DbType.Double, batch[i].FirstResponse);
                Add(update, $"Resolution{i}", DbType.Double, batch[i].Resolution);
            }

            update.CommandText = $"""
                UPDATE tickets SET first_response_business_hours = v.column2, resolution_business_hours = v.column3
                FROM (VALUES {values}) v WHERE tickets.id = v.column1
                """;
            update.ExecuteNonQuery();
        }

        // DbUp runs what a script returns; the work is done, so this only leaves its mark in the journal.
        return "SELECT 1";
    }

    private static void Add(IDbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
