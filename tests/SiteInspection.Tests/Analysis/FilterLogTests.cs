using Hall.SiteInspection.Analysis;

namespace Hall.SiteInspection.Tests.Analysis;

/// <summary>The detector lines as ffmpeg 5.1 writes them with -loglevel level+info.</summary>
public class FilterLogTests
{
    private static readonly TimeSpan End = TimeSpan.FromSeconds(30);

    [Fact]
    public void Dark_and_bright_edges_come_from_their_own_metadata_printers()
    {
        var log = Feed(
            "[metadata@dark1 @ 0x557063590f80] [info] frame:50   pts:25600   pts_time:5",
            "[metadata@dark1 @ 0x557063590f80] [info] lavfi.black_start=5",
            "[metadata@bright1 @ 0x557063595e80] [info] lavfi.black_start=10.0333",
            "[metadata@dark2 @ 0x557063591f80] [info] lavfi.black_end=8",
            "[blackdetect @ 0x557063594b40] [info] black_start:5 black_end:8 black_duration:3",
            "[metadata@bright2 @ 0x557063596b40] [info] lavfi.black_end=12");

        Assert.Equal([TimeRange.FromSeconds(5, 8)], log.Dark(End, TimeSpan.FromSeconds(1)));
        Assert.Equal([TimeRange.FromSeconds(10.0333, 12)], log.Bright(End, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_stretch_still_open_at_the_end_ends_with_the_video_and_short_ones_are_dropped()
    {
        var log = Feed(
            "[metadata@dark1 @ 0x1] [info] lavfi.black_start=3",
            "[metadata@dark2 @ 0x2] [info] lavfi.black_end=3.4",
            "[metadata@dark1 @ 0x1] [info] lavfi.black_start=27");

        Assert.Equal([TimeRange.FromSeconds(27, 30)], log.Dark(End, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Freezes_are_read_from_freezedetect_lines()
    {
        var log = Feed(
            "[freezedetect @ 0x5637d755ca80] [info] lavfi.freezedetect.freeze_start: 12",
            "[freezedetect @ 0x5637d755ca80] [info] lavfi.freezedetect.freeze_duration: 4",
            "[freezedetect @ 0x5637d755ca80] [info] lavfi.freezedetect.freeze_end: 16",
            "[freezedetect @ 0x5637d755ca80] [info] lavfi.freezedetect.freeze_start: 28.5");

        Assert.Equal([TimeRange.FromSeconds(12, 16), TimeRange.FromSeconds(28.5, 30)], log.Frozen(End));
    }

    [Fact]
    public void Errors_are_counted_and_everything_else_is_ignored()
    {
        var log = Feed(
            "[h264 @ 0x55] [error] error while decoding MB 3 7, bytestream -5",
            "[info] Stream mapping:",
            "[info]   Stream #0:0 (h264) -> freezedetect",
            "garbage without brackets",
            "[metadata@dark1 @ 0x1] [info] lavfi.black_start=nan",
            "[error] Conversion failed!");

        Assert.Equal(2, log.Errors);
        Assert.Equal("Conversion failed!", log.LastError);
        Assert.Empty(log.Dark(End, TimeSpan.Zero));
    }

    private static FilterLog Feed(params string[] lines)
    {
        var log = new FilterLog();
        foreach (var line in lines)
            log.Add(line);
        return log;
    }
}
