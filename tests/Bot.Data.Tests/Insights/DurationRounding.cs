using Bot.Data.Insights;

namespace Bot.Data.Tests.Insights;

/// <summary>Hours rounded to six places, so that figures worked out by hand compare equal to the reports' sums.</summary>
internal static class DurationRounding
{
    public static DurationSummary Rounded(DurationSummary row) => row with
    {
        FirstResponseMedianHours = Round(row.FirstResponseMedianHours),
        FirstResponseP90Hours = Round(row.FirstResponseP90Hours),
        ResolutionMedianHours = Round(row.ResolutionMedianHours),
        ResolutionP90Hours = Round(row.ResolutionP90Hours),
    };

    private static double? Round(double? hours) => hours is null ? null : Math.Round(hours.Value, 6);
}
