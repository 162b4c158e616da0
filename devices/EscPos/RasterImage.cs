using System.Collections;

namespace Hall.Devices.EscPos;

/// <summary>
/// A one-bit image in the printer's raster layout: rows top to bottom, each row
/// <see cref="WidthBytes"/> bytes, the leftmost dot in the high bit, 1 = black.
/// </summary>
public sealed class RasterImage
{
    private readonly byte[] _data;

    public RasterImage(int width, int height, byte[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(data);
        var expected = (width + 7) / 8 * height;
        if (data.Length != expected)
        {
            throw new ArgumentException($"A {width}×{height} raster needs {expected} bytes, not {data.Length}.", nameof(data));
        }

        Width = width;
        Height = height;
        _data = data;
    }

    /// <summary>Width in dots.</summary>
    public int Width { get; }

    /// <summary>Height in dots (rows).</summary>
    public int Height { get; }

    /// <summary>Bytes per row: the width rounded up to whole bytes.</summary>
    public int WidthBytes => (Width + 7) / 8;

    public ReadOnlySpan<byte> Data => _data;

    /// <summary>Whether the dot at (<paramref name="x"/>, <paramref name="y"/>) is black.</summary>
    public bool IsBlack(int x, int y) => (_data[(y * WidthBytes) + (x / 8)] & (0x80 >> (x % 8))) != 0;

    /// <summary>
    /// Scales a square module matrix (a QR code's, true = dark) so each module is
    /// <paramref name="scale"/> × <paramref name="scale"/> dots, and packs it into bits.
    /// </summary>
    public static RasterImage FromModules(IReadOnlyList<BitArray> modules, int scale)
    {
        ArgumentNullException.ThrowIfNull(modules);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        ArgumentOutOfRangeException.ThrowIfZero(modules.Count, nameof(modules));

        var count = modules.Count;
        var size = count * scale;
        var widthBytes = (size + 7) / 8;
        var data = new byte[widthBytes * size];
        for (var my = 0; my < count; my++)
        {
            var row = modules[my];
            for (var mx = 0; mx < count; mx++)
            {
                if (!row[mx])
                {
                    continue;
                }

                for (var dy = 0; dy < scale; dy++)
                {
                    var offset = ((my * scale) + dy) * widthBytes;
                    for (var dx = 0; dx < scale; dx++)
                    {
                        var x = (mx * scale) + dx;
                        data[offset + (x >> 3)] |= (byte)(0x80 >> (x & 7));
                    }
                }
            }
        }

        return new RasterImage(size, size, data);
    }
}
