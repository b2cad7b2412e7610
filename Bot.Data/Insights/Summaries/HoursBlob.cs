using System.Buffers.Binary;
using System.Runtime.InteropServices;

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

    /// <summary>Every figure held in <paramref name="blobs"/>, in ascending order.</summary>
    public static double[] SortedHours(List<byte[]> blobs)
    {
        var hours = new double[blobs.Sum(blob => blob.Length / sizeof(double))];
        var at = 0;
        foreach (var blob in blobs)
        {
            var count = blob.Length / sizeof(double);
            if (BitConverter.IsLittleEndian)
            {
                // A copy of the bytes as they are: a year of figures is a few hundred thousand, read on every report.
                MemoryMarshal.Cast<byte, double>(blob.AsSpan(0, count * sizeof(double))).CopyTo(hours.AsSpan(at));
            }
            else
            {
                for (var i = 0; i < count; i++)
                {
                    hours[at + i] = BinaryPrimitives.ReadDoubleLittleEndian(blob.AsSpan(i * sizeof(double)));
                }
            }

            at += count;
        }

        Array.Sort(hours);
        return hours;
    }
}
