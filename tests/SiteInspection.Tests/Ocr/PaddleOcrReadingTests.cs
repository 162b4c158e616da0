using Hall.SiteInspection.Ocr;

namespace Hall.SiteInspection.Tests.Ocr;

/// <summary>The watermark of a 720p inspection video, read word for word, in reading order, where it is drawn.</summary>
public sealed class PaddleOcrReadingTests(PaddleOcrFixture fixture) : IClassFixture<PaddleOcrFixture>
{
    private static readonly string[] Watermark = ["2026-11-23 10:15:32", "广东省韶关市乐昌市坪石镇人民路18号"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reads_both_watermark_lines_of_a_720p_frame_exactly(bool throughH264)
    {
        var frame = await WatermarkFrames.WithTextAsync(Watermark, throughH264);

        var lines = fixture.Ocr.Read(frame, WatermarkFrames.Width, WatermarkFrames.Height);

        Assert.Equal(Watermark, lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.InRange(l.Confidence, 0.9f, 1f));
        for (var i = 0; i < lines.Count; i++)
        {
            // The box holds the line as drawn: from its left margin, across its text box, about one font size high.
            var top = WatermarkFrames.TopOf(i, Watermark.Length);
            Assert.InRange(lines[i].X, WatermarkFrames.Left - 8, WatermarkFrames.Left + 4);
            Assert.InRange(lines[i].Y, top - 12, top + 8);
            Assert.InRange(lines[i].Y + lines[i].Height, top + WatermarkFrames.FontSize - 4, top + WatermarkFrames.FontSize + 16);
        }

        Assert.True(lines[1].Width > lines[0].Width, "the address is drawn longer than the date");
    }

    [Fact]
    public async Task Reads_both_lines_of_a_1280x200_watermark_strip_exactly()
    {
        var frame = await WatermarkFrames.WithTextAsync(Watermark);
        var strip = WatermarkFrames.Strip(frame, top: WatermarkFrames.Height - 200, height: 200);

        var lines = fixture.Ocr.Read(strip, WatermarkFrames.Width, 200);

        Assert.Equal(Watermark, lines.Select(l => l.Text));
        Assert.Equal(WatermarkFrames.TopOf(0, 2) - (WatermarkFrames.Height - 200), lines[0].Y, tolerance: 12);
    }

    [Fact]
    public async Task A_frame_with_nothing_written_on_it_gives_no_lines()
    {
        // The photo has tiny lettering on the suit's patches; what the detector makes of it reads below 0.5 and is left out.
        var frame = await WatermarkFrames.WithoutTextAsync();

        var lines = fixture.Ocr.Read(frame, WatermarkFrames.Width, WatermarkFrames.Height);

        Assert.Empty(lines);
    }

    [Fact]
    public void A_plain_grey_picture_gives_no_lines()
    {
        var grey = new byte[320 * 96 * 3];
        Array.Fill(grey, (byte)128);

        Assert.Empty(fixture.Ocr.Read(grey, 320, 96));
    }

    [Fact]
    public void A_buffer_that_is_not_width_by_height_rgb24_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => fixture.Ocr.Read(new byte[100 * 100 * 3], 100, 99));

        Assert.Contains("100x99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disposed_reader_is_refused()
    {
        var ocr = new PaddleOcr(OcrModelDirectory.Path);
        ocr.Dispose();

        Assert.Throws<ObjectDisposedException>(() => ocr.Read(new byte[3], 1, 1));
    }
}
