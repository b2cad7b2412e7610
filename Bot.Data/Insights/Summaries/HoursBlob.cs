using System.Buffers;
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

    /// <summary>
    /// How many figures <paramref name="blobs"/> hold, and their median and 90th percentile (<see cref="Percentile"/>).
    /// The figures are sorted in a pooled array: a year's month is a few hundred kilobytes of them, which would
    /// otherwise be a new large-object-heap array for every group of every report.
    /// </summary>
    public static (int Count, double? Median, double? P90) Percentiles(List<byte[]> blobs)
    {
        var count = blobs.Sum(blob => blob.Length / sizeof(double));
        var pooled = ArrayPool<double>.Shared.Rent(count);
        try
        {
            var hours = pooled.AsSpan(0, count);
            var at = 0;
            foreach (var blob in blobs)
            {
                var figures = blob.Length / sizeof(double);
                if (BitConverter.IsLittleEndian)
                {
                    MemoryMarshal.Cast<byte, double>(blob.AsSpan(0, figures * sizeof(double))).CopyTo(hours[at..]);
                }
                else
                {
                    for (var i = 0; i < figures; i++)
                    {
                        hours[at + i] = BinaryPrimitives.ReadDoubleLittleEndian(blob.AsSpan(i * sizeof(double)));
                    }
                }

                at += figures;
            }

            hours.Sort();
            return (count, Percentile.OfSorted(hours, 0.5), Percentile.OfSorted(hours, 0.9));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(pooled);
        }
    }
}
