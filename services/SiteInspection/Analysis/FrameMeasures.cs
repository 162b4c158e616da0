using System.Numerics;

namespace Hall.SiteInspection.Analysis;

/// <summary>
/// Measures of one frame that the checks compare: sharpness as the variance of the Laplacian of the luma, a 64-bit
/// difference hash, and the share of too dark and too bright pixels with the same luma thresholds as ffmpeg's
/// blackdetect. Frames are RGB24 (rows packed, no padding); the pass itself works on the luma plane of its YUV frames.
/// Plain integer arithmetic, no I/O: the pass hashes 10 frames and measures 2 frames of every second of video.
/// </summary>
public static class FrameMeasures
{
    // dHash: the luma averaged into 9×8 cells, each bit says whether a cell is brighter than its right neighbour.
    private const int HashColumns = 9;
    private const int HashRows = 8;

    /// <summary>All measures of one RGB24 frame.</summary>
    /// <param name="darkPixelThreshold">blackdetect's pix_th (0–1 of the luma range); its mirror image is "bright".</param>
    public static FrameQuality Measure(ReadOnlySpan<byte> rgb, int width, int height, double darkPixelThreshold)
    {
        CheckSize(rgb, width, height, 3);
        var luma = new byte[width * height];
        ToLuma(rgb, luma);
        return FromLuma(luma, width, height, darkPixelThreshold, HashLuma(luma, width, height, 0, 1).Hash);
    }

    /// <summary>Variance of the 4-neighbour Laplacian over the inner pixels: low means few sharp edges (blurred).</summary>
    public static double LaplacianVariance(ReadOnlySpan<byte> rgb, int width, int height)
    {
        CheckSize(rgb, width, height, 3);
        var luma = new byte[width * height];
        ToLuma(rgb, luma);
        return LumaLaplacianVariance(luma, width, height);
    }

    /// <summary>The 64-bit difference hash (dHash) of an RGB24 frame.</summary>
    public static ulong DifferenceHash(ReadOnlySpan<byte> rgb, int width, int height)
    {
        CheckSize(rgb, width, height, 3);
        var luma = new byte[width * height];
        ToLuma(rgb, luma);
        return HashLuma(luma, width, height, 0, 1).Hash;
    }

    /// <summary>How many of the 64 bits differ: 0 same picture, about 32 unrelated pictures.</summary>
    public static int HammingDistance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    /// <summary>The measures from a full-range (0–255) luma plane, with the frame's hash already known.</summary>
    internal static FrameQuality FromLuma(ReadOnlySpan<byte> luma, int width, int height, double darkPixelThreshold, ulong hash)
    {
        CheckSize(luma, width, height, 1);
        var plane = luma[..(width * height)];
        // Full-range luma, so blackdetect's share of the limited range 16–235 is the same share of 0–255 here.
        var darkAt = (int)Math.Floor(darkPixelThreshold * 255);
        var brightAt = 255 - darkAt;
        long sum = 0, sumSquares = 0;
        int dark = 0, bright = 0;
        foreach (int v in plane)
        {
            sum += v;
            sumSquares += v * v;
            if (v <= darkAt)
                dark++;
            else if (v >= brightAt)
                bright++;
        }

        double n = plane.Length;
        var mean = sum / n;
        var deviation = Math.Sqrt(Math.Max(0, (sumSquares / n) - (mean * mean)));
        return new FrameQuality(LumaLaplacianVariance(plane, width, height), hash, mean, deviation, dark / n, bright / n);
    }

    /// <summary>
    /// The hash of a luma plane and whether the frame is flat: its standard deviation, times <paramref name="scale"/>
    /// (255/219 for limited-range Y), below <paramref name="flatDeviation"/>. One walk, column band by column band.
    /// </summary>
    internal static (ulong Hash, bool Flat) HashLuma(ReadOnlySpan<byte> luma, int width, int height, double flatDeviation, double scale)
    {
        CheckSize(luma, width, height, 1);
        Span<long> cells = stackalloc long[HashColumns * HashRows];
        Span<int> counts = stackalloc int[HashColumns * HashRows];
        Span<int> bands = stackalloc int[HashColumns + 1];
        cells.Clear();
        counts.Clear();
        // Pixel x falls in column band x * 9 / width: band c starts at ceil(c * width / 9).
        for (var c = 0; c <= HashColumns; c++)
            bands[c] = ((c * width) + HashColumns - 1) / HashColumns;

        long sum = 0, sumSquares = 0;
        for (var y = 0; y < height; y++)
        {
            var rowCell = y * HashRows / height * HashColumns;
            var row = luma.Slice(y * width, width);
            for (var c = 0; c < HashColumns; c++)
            {
                long bandSum = 0, bandSquares = 0;
                foreach (int v in row[bands[c]..bands[c + 1]])
                {
                    bandSum += v;
                    bandSquares += v * v;
                }

                cells[rowCell + c] += bandSum;
                counts[rowCell + c] += bands[c + 1] - bands[c];
                sum += bandSum;
                sumSquares += bandSquares;
            }
        }

        ulong hash = 0;
        var bit = 0;
        for (var r = 0; r < HashRows; r++)
        {
            for (var c = 0; c < HashColumns - 1; c++, bit++)
            {
                var i = (r * HashColumns) + c;
                // Compares the cell means a/na > b/nb without dividing.
                if (cells[i] * counts[i + 1] > cells[i + 1] * counts[i])
                    hash |= 1UL << bit;
            }
        }

        double n = width * height;
        var mean = sum / n;
        var deviation = Math.Sqrt(Math.Max(0, (sumSquares / n) - (mean * mean))) * scale;
        var flat = deviation < flatDeviation;
        return (hash, flat);
    }

    /// <summary>BT.601 luma of RGB24, 8.8 fixed point.</summary>
    internal static void ToLuma(ReadOnlySpan<byte> rgb, Span<byte> luma)
    {
        for (int i = 0, p = 0; i < luma.Length; i++, p += 3)
            luma[i] = (byte)(((77 * rgb[p]) + (150 * rgb[p + 1]) + (29 * rgb[p + 2])) >> 8);
    }

    internal static double LumaLaplacianVariance(ReadOnlySpan<byte> luma, int width, int height)
    {
        if (width < 3 || height < 3)
            return 0;
        long sum = 0, sumSquares = 0;
        for (var y = 1; y < height - 1; y++)
        {
            var up = luma.Slice((y - 1) * width, width);
            var row = luma.Slice(y * width, width);
            var down = luma.Slice((y + 1) * width, width);
            for (var x = 1; x < width - 1; x++)
            {
                var v = up[x] + down[x] + row[x - 1] + row[x + 1] - (4 * row[x]);
                sum += v;
                sumSquares += v * v;
            }
        }

        double n = (width - 2) * (height - 2);
        var mean = sum / n;
        return Math.Max(0, (sumSquares / n) - (mean * mean));
    }

    private static void CheckSize(ReadOnlySpan<byte> pixels, int width, int height, int bytesPerPixel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (pixels.Length < width * height * bytesPerPixel)
            throw new ArgumentException($"A frame of {width}×{height} needs {width * height * bytesPerPixel} bytes; got {pixels.Length}.", nameof(pixels));
    }
}
