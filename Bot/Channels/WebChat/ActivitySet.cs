using System.Globalization;
using Bot.Data.WebChat;

namespace Bot.Channels.WebChat;

/// <summary>
/// Direct Line's ActivitySet, <c>{"activities":[…],"watermark":"N"}</c>, as the activities route answers it and the
/// stream sends it: the stored JSON of each activity as it is, and the watermark as a string.
/// </summary>
internal static class ActivitySet
{
    public static string Json(IReadOnlyList<StoredActivity> activities, long watermark) =>
        $"{{\"activities\":[{string.Join(',', activities.Select(a => a.Json))}],\"watermark\":\"{watermark.ToString(CultureInfo.InvariantCulture)}\"}}";

    /// <summary>A client's watermark: the last activity it has seen, 0 when it has seen none (or sent something else).</summary>
    public static long ParseWatermark(string? watermark) =>
        long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
}
