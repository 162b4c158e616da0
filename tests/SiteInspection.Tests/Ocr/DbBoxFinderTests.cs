using Hall.SiteInspection.Ocr;

namespace Hall.SiteInspection.Tests.Ocr;

public sealed class DbBoxFinderTests
{
    private const int MapWidth = 64, MapHeight = 32;

    [Fact]
    public void A_text_kernel_is_grown_by_area_times_ratio_over_perimeter_and_scaled_to_the_picture()
    {
        var map = new float[MapWidth * MapHeight];
        Fill(map, left: 10, top: 10, right: 40, bottom: 16, 0.9f); // 30×6 between pixel centres
        var boxes = new List<PixelBox>();

        new DbBoxFinder().Find(map, MapWidth, MapHeight, MapWidth * 2, MapHeight * 2, new PaddleOcrOptions { UnclipRatio = 1.5f }, boxes);

        // grow = 30·6·1.5 / (2·(30+6)) = 3.75 map pixels; the picture is twice the map, rounded half to even as numpy:
        // left (10−3.75)·2 = 12.5 → 12, right (40+3.75)·2 = 87.5 → 88, top 12.5 → 12, bottom (16+3.75)·2 = 39.5 → 40.
        var box = Assert.Single(boxes);
        Assert.Equal(new PixelBox(12, 12, 76, 28), box);
    }

    [Fact]
    public void Weak_and_thin_regions_are_dropped_and_separate_lines_kept_apart()
    {
        var map = new float[MapWidth * MapHeight];
        Fill(map, left: 2, top: 2, right: 20, bottom: 8, 0.95f); // text
        Fill(map, left: 30, top: 2, right: 60, bottom: 8, 0.45f); // above the pixel threshold, below the box threshold
        Fill(map, left: 2, top: 13, right: 60, bottom: 14, 0.95f); // two pixels high: a rule, not text
        Fill(map, left: 30, top: 20, right: 60, bottom: 28, 0.95f); // the next line
        var boxes = new List<PixelBox>();

        new DbBoxFinder().Find(map, MapWidth, MapHeight, MapWidth, MapHeight, new PaddleOcrOptions(), boxes);

        Assert.Equal(2, boxes.Count);
        Assert.Contains(boxes, b => b.X < 2 && b.Right is > 20 and < 30 && b.Y < 2 && b.Bottom is > 8 and < 13);
        Assert.Contains(boxes, b => b.X is > 20 and < 30 && b.Right == MapWidth && b.Y is > 12 and < 20 && b.Bottom == MapHeight);
    }

    [Fact]
    public void An_empty_map_has_no_boxes_and_buffers_are_reused_across_sizes()
    {
        var finder = new DbBoxFinder();
        var boxes = new List<PixelBox>();
        var big = new float[MapWidth * MapHeight];
        Fill(big, 5, 5, 30, 12, 0.9f);

        finder.Find(new float[32 * 32], 32, 32, 32, 32, new PaddleOcrOptions(), boxes);
        Assert.Empty(boxes);
        finder.Find(big, MapWidth, MapHeight, MapWidth, MapHeight, new PaddleOcrOptions(), boxes);
        finder.Find(new float[32 * 32], 32, 32, 32, 32, new PaddleOcrOptions(), boxes);

        Assert.Single(boxes);
    }

    private static void Fill(float[] map, int left, int top, int right, int bottom, float value)
    {
        for (var y = top; y <= bottom; y++)
        {
            map.AsSpan((y * MapWidth) + left, right - left + 1).Fill(value);
        }
    }
}
