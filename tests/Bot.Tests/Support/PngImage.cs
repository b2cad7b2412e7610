using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Bot.Tests.Support;

/// <summary>
/// Just enough PNG to check an icon without an image library: the IHDR header of any PNG, and the pixels of an 8-bit,
/// non-interlaced RGB or RGBA one (all five scanline filters).
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly byte[] compressed;

    private PngImage(int width, int height, int bitDepth, int colourType, int interlace, byte[] compressed)
    {
        Width = width;
        Height = height;
        BitDepth = bitDepth;
        ColourType = colourType;
        Interlace = interlace;
        this.compressed = compressed;
    }

    public int Width { get; }

    public int Height { get; }

    public int BitDepth { get; }

    /// <summary>0 grey, 2 RGB, 3 palette, 4 grey and alpha, 6 RGB and alpha.</summary>
    public int ColourType { get; }

    public int Interlace { get; }

    public bool HasAlpha => ColourType is 4 or 6;

    public static PngImage Read(byte[] bytes)
    {
        if (!bytes.AsSpan().StartsWith(Signature))
        {
            throw new InvalidDataException("Not a PNG: the signature is missing.");
        }

        var position = Signature.Length;
        PngImage? header = null;
        using var idat = new MemoryStream();
        while (position + 8 <= bytes.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position));
            var type = Encoding.ASCII.GetString(bytes, position + 4, 4);
            var data = bytes.AsSpan(position + 8, length);
            if (header is null && type != "IHDR")
            {
                throw new InvalidDataException($"The first chunk is {type}, not IHDR.");
            }

            switch (type)
            {
                case "IHDR":
                    header = new PngImage(
                        (int)BinaryPrimitives.ReadUInt32BigEndian(data), (int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]), data[8], data[9], data[12], []);
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    return new PngImage(header!.Width, header.Height, header.BitDepth, header.ColourType, header.Interlace, idat.ToArray());
            }

            position += 12 + length;
        }

        throw new InvalidDataException("The PNG has no IEND chunk.");
    }

    /// <summary>Every pixel as RGBA, row by row; an RGB image's alpha is 255.</summary>
    public IReadOnlyList<(byte R, byte G, byte B, byte A)> Pixels()
    {
        if (BitDepth != 8 || ColourType is not (2 or 6) || Interlace != 0)
        {
            throw new NotSupportedException($"Only 8-bit non-interlaced RGB(A) is decoded here, not depth {BitDepth} type {ColourType} interlace {Interlace}.");
        }

        var channels = ColourType == 6 ? 4 : 3;
        var stride = Width * channels;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var previous = new byte[stride];
        var pixels = new List<(byte, byte, byte, byte)>(Width * Height);
        for (var y = 0; y < Height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var line = raw.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? line[i - channels] : 0, up = previous[i], upLeft = i >= channels ? previous[i - channels] : 0;
                line[i] += filter switch
                {
                    0 => (byte)0,
                    1 => (byte)left,
                    2 => (byte)up,
                    3 => (byte)((left + up) / 2),
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"Unknown filter {filter} on row {y}."),
                };
            }

            for (var x = 0; x < Width; x++)
            {
                var at = x * channels;
                pixels.Add((line[at], line[at + 1], line[at + 2], channels == 4 ? line[at + 3] : (byte)255));
            }

            previous = line;
        }

        return pixels;
    }

    private static byte Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var (toLeft, toUp, toUpLeft) = (Math.Abs(estimate - left), Math.Abs(estimate - up), Math.Abs(estimate - upLeft));
        return (byte)(toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft);
    }
}
