using System.Text;
using Bot.Data.Tickets;

namespace Bot.Console.Insights;

/// <summary>The CSV export of each insights report, at <c>/console/insights/{report}.csv</c> with the page's filters.</summary>
public static class InsightsEndpoints
{
    public static IServiceCollection AddInsightsReports(this IServiceCollection services) => services.AddSingleton<InsightsReports>();

    public static WebApplication MapInsightsCsv(this WebApplication app)
    {
        app.MapGet("/console/insights/{report}.csv", CsvAsync).RequireAuthorization(ConsolePolicies.Technician);
        return app;
    }

    private static async Task<IResult> CsvAsync(string report, HttpContext http, InsightsReports reports, BusinessCalendar calendar, TimeProvider time)
    {
        if (!InsightsReports.Names.Contains(report))
        {
            return Results.NotFound();
        }

        var query = InsightsQuery.Parse(http.Request.Query, calendar, time);
        var table = await reports.BuildAsync(report, query.Filter(calendar), query.Period, http.RequestAborted);
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.File(Encoding.UTF8.GetBytes(ReportCsv.Write(table)), "text/csv; charset=utf-8", $"{report}.csv");
    }
}
