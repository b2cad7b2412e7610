using System.Buffers.Binary;

namespace Bot.Data.Insights.Summaries;

/// <summary>
/// A day's business-hours figures as one value for a summary row: every figure, exact, as little-endian 8-byte
/// doubles one after another, so that percentiles over summaries are the percentiles of the tickets themselves.
/// </summary>
internal static class HoursBlob
{
    public static byte[] Encode(List<double> hours)
    {
        var bytes = new byte[hours.Count * sizeof(double)];
        for (var i = 0; i < hours.Count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), hours[i]);
        }

        return bytes;
    }

    /// <summary>Adds the figures held in <paramref name="bytes"/> to <paramref name="hours"/>.</summary>
    public static void AddTo(List<double> hours, byte[] bytes)
    {
        for (var offset = 0; offset + sizeof(double) <= bytes.Length; offset += sizeof(double))
        {
            hours.Add(BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(offset)));
        }
    }
}
