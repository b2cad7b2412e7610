using System.Text;

namespace Bot.Channels.Sms;

/// <summary>
/// The files the desk keeps from a text: photos. A file counts as one only if the phone said so and its first bytes
/// agree; the type kept is the one the bytes show.
/// </summary>
public static class PhotoTypes
{
    public static readonly IReadOnlySet<string> Accepted = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/jpg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif",
    };

    private static readonly string[] HeifBrands = ["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"];

    /// <summary>The photo type the bytes show, or null when they are not a photo this desk keeps.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (bytes.Length >= 12 && bytes[4..8].SequenceEqual("ftyp"u8) && HeifBrands.Contains(Encoding.ASCII.GetString(bytes[8..12])))
        {
            return "image/heic";
        }

        return null;
    }
}
