using Hall.SiteInspection.Analysis;

namespace Hall.SiteInspection.Tests.Analysis;

public class FrameMeasuresTests
{
    private const int W = 64;
    private const int H = 36;

    [Fact]
    public void A_flat_frame_has_no_edges_and_is_entirely_dark_or_bright()
    {
        var black = Frame((_, _) => (0, 0, 0));
        var white = Frame((_, _) => (255, 255, 255));

        var b = FrameMeasures.Measure(black, W, H, 0.10);
        var w = FrameMeasures.Measure(white, W, H, 0.10);

        Assert.Equal((0, 0, 1.0, 0.0), (b.Sharpness, b.LumaDeviation, b.DarkShare, b.BrightShare));
        Assert.Equal((0, 0, 0.0, 1.0), (w.Sharpness, w.LumaDeviation, w.DarkShare, w.BrightShare));
    }

    [Fact]
    public void A_checkerboard_is_sharp_and_its_smoothed_copy_is_not()
    {
        var sharp = Frame((x, y) => Gray(((x / 4) + (y / 4)) % 2 == 0 ? 230 : 20));
        var smooth = Frame((x, _) => Gray(100 + (x % 8)));

        Assert.True(FrameMeasures.LaplacianVariance(sharp, W, H) > 1000);
        Assert.True(FrameMeasures.LaplacianVariance(smooth, W, H) < 30);
    }

    [Fact]
    public void The_same_picture_hashes_the_same_and_a_mirrored_one_far_apart()
    {
        var ramp = Frame((x, y) => ((byte)(x * 4), (byte)(y * 7), 128));
        var mirrored = Frame((x, y) => ((byte)((W - 1 - x) * 4), (byte)(y * 7), 128));

        Assert.Equal(FrameMeasures.DifferenceHash(ramp, W, H), FrameMeasures.DifferenceHash(ramp.ToArray(), W, H));
        Assert.Equal(0, FrameMeasures.HammingDistance(FrameMeasures.DifferenceHash(ramp, W, H), FrameMeasures.Measure(ramp, W, H, 0.1).Hash));
        Assert.True(FrameMeasures.HammingDistance(FrameMeasures.DifferenceHash(ramp, W, H), FrameMeasures.DifferenceHash(mirrored, W, H)) > 40);
    }

    [Fact]
    public void A_frame_too_short_for_its_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => FrameMeasures.Measure(new byte[10], W, H, 0.1));
    }

    private static (byte, byte, byte) Gray(int v) => ((byte)v, (byte)v, (byte)v);

    private static byte[] Frame(Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        var rgb = new byte[W * H * 3];
        for (var y = 0; y < H; y++)
        {
            for (var x = 0; x < W; x++)
            {
                var (r, g, b) = pixel(x, y);
                var p = ((y * W) + x) * 3;
                (rgb[p], rgb[p + 1], rgb[p + 2]) = (r, g, b);
            }
        }

        return rgb;
    }
}
