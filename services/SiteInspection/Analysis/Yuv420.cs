namespace Hall.SiteInspection.Analysis;

/// <summary>
/// The pass's frames as ffmpeg writes them: planar YUV 4:2:0, BT.601, limited range (the graph asks for exactly that),
/// so the luma plane feeds the hash directly and only the sampled frames are turned into RGB, here rather than by
/// ffmpeg for every frame. Width and height are even.
/// </summary>
internal static class Yuv420
{
    /// <summary>Limited-range luma (16–235) stretched to full range, as RGB-derived luma would be.</summary>
    public const double LumaScale = 255.0 / 219;

    private static readonly byte[] FullRange = BuildFullRange();

    public static int FrameBytes(int width, int height) => (width * height) + (2 * (width / 2) * (height / 2));

    public static void ExpandLuma(ReadOnlySpan<byte> frame, int width, int height, Span<byte> luma)
    {
        var y = frame[..(width * height)];
        for (var i = 0; i < y.Length; i++)
            luma[i] = FullRange[y[i]];
    }

    /// <summary>BT.601 limited range to RGB24, 8.8 fixed point, each chroma sample shared by a 2×2 block.</summary>
    public static void ToRgb(ReadOnlySpan<byte> frame, int width, int height, Span<byte> rgb)
    {
        var cw = width / 2;
        var y = frame[..(width * height)];
        var u = frame.Slice(width * height, cw * (height / 2));
        var v = frame.Slice((width * height) + (cw * (height / 2)), cw * (height / 2));
        for (var row = 0; row < height; row++)
        {
            var chroma = row / 2 * cw;
            for (var x = 0; x < width; x++)
            {
                var c = 298 * (y[(row * width) + x] - 16);
                var d = u[chroma + (x / 2)] - 128;
                var e = v[chroma + (x / 2)] - 128;
                var p = ((row * width) + x) * 3;
                rgb[p] = Clamp((c + (409 * e) + 128) >> 8);
                rgb[p + 1] = Clamp((c - (100 * d) - (208 * e) + 128) >> 8);
                rgb[p + 2] = Clamp((c + (516 * d) + 128) >> 8);
            }
        }
    }

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);

    private static byte[] BuildFullRange()
    {
        var table = new byte[256];
        for (var i = 0; i < table.Length; i++)
            table[i] = (byte)Math.Clamp((int)Math.Round((i - 16) * LumaScale), 0, 255);
        return table;
    }
}
