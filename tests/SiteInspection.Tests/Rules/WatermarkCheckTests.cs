using Hall.SiteInspection.Rules;

namespace Hall.SiteInspection.Tests.Rules;

public sealed class WatermarkCheckTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static readonly InspectionApplication Application = new()
    {
        Id = "T-1",
        ItemCode = "B-SP-001",
        Applicant = "李四",
        Address = "广东省韶关市乐昌市坪石镇人民路18号",
        WindowFrom = new DateTimeOffset(2026, 11, 23, 8, 0, 0, China),
        WindowTo = new DateTimeOffset(2026, 11, 25, 18, 0, 0, China),
    };

    private static List<WatermarkReading> Continuous(DateTime start, int seconds, string place = "广东省韶关市乐昌市坪石镇人民路18号") =>
        Enumerable.Range(0, seconds)
            .Select(s => new WatermarkReading(TimeSpan.FromSeconds(s), [start.AddSeconds(s).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), place]))
            .ToList();

    [Fact]
    public void A_continuous_watermark_at_the_address_in_the_window_passes()
    {
        var results = WatermarkCheck.Evaluate(Continuous(new DateTime(2026, 11, 23, 10, 15, 0), 60), Application);

        Assert.All(results, r => Assert.True(r.Passed, r.Reason));
        Assert.Contains("2026-11-23 10:15:00", results[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jump_in_the_watermark_clock_is_a_cut_found_where_it_happens()
    {
        var readings = Continuous(new DateTime(2026, 11, 23, 10, 15, 0), 30);
        readings.AddRange(Continuous(new DateTime(2026, 11, 23, 10, 40, 0), 30).Select(r => r with { VideoTime = r.VideoTime + TimeSpan.FromSeconds(30) }));

        var clock = WatermarkCheck.Evaluate(readings, Application).Single(r => r.Check == CheckNames.WatermarkClock);

        Assert.False(clock.Passed);
        Assert.Equal(TimeSpan.FromSeconds(29), clock.From);
        Assert.Equal(TimeSpan.FromSeconds(30), clock.To);
        Assert.Contains("10:15:29", clock.Reason, StringComparison.Ordinal);
        Assert.Contains("10:40:00", clock.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ocr_reading_a_second_late_now_and_then_is_no_jump()
    {
        var readings = Continuous(new DateTime(2026, 11, 23, 10, 15, 0), 20);
        readings[7] = readings[7] with { Lines = ["2026-11-23 10:15:08", readings[7].Lines[1]] };

        Assert.True(WatermarkCheck.Evaluate(readings, Application).Single(r => r.Check == CheckNames.WatermarkClock).Passed);
    }

    [Fact]
    public void Filming_outside_the_application_window_fails_with_the_time_shown()
    {
        var results = WatermarkCheck.Evaluate(Continuous(new DateTime(2026, 11, 20, 9, 0, 0), 10), Application);

        var content = results.Single(r => r.Check == CheckNames.Watermark);
        Assert.False(content.Passed);
        Assert.Contains("2026-11-20 09:00:00", content.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_address_fails_and_an_ocr_slip_of_one_character_does_not()
    {
        var elsewhere = WatermarkCheck.Evaluate(Continuous(new DateTime(2026, 11, 23, 10, 0, 0), 5, "广东省韶关市乐昌市长来镇中山路7号"), Application);
        var slip = WatermarkCheck.Evaluate(Continuous(new DateTime(2026, 11, 23, 10, 0, 0), 5, "广东省韶关市乐昌市坪石镇人民踣18号"), Application);

        Assert.False(elsewhere.Single(r => r.Check == CheckNames.Watermark).Passed);
        Assert.Contains("不符", elsewhere[0].Reason, StringComparison.Ordinal);
        Assert.True(slip.Single(r => r.Check == CheckNames.Watermark).Passed);
    }

    [Fact]
    public void No_watermark_at_all_says_to_use_a_watermark_camera()
    {
        var results = WatermarkCheck.Evaluate([new WatermarkReading(TimeSpan.Zero, ["店铺招牌"])], Application);

        Assert.All(results, r => Assert.False(r.Passed));
        Assert.Contains("水印相机", results[0].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026年11月23日 10:15:32", "2026-11-23T10:15:32")]
    [InlineData("２０２６－１１－２３　１０：１５：３２", "2026-11-23T10:15:32")]
    [InlineData("2026/11/23 星期一 10:15", "2026-11-23T10:15:00")]
    public void Watermark_times_are_read_in_the_forms_apps_draw(string line, string expected)
    {
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), WatermarkText.TimeOf([line]));
    }

    [Fact]
    public void Date_and_time_on_separate_lines_are_read_together()
    {
        Assert.Equal(new DateTime(2026, 11, 23, 10, 15, 32), WatermarkText.TimeOf(["2026-11-23", "10:15:32", "坪石镇人民路18号"]));
        Assert.Equal("坪石镇人民路18号", WatermarkText.PlaceOf(["2026-11-23", "10:15:32", "坪石镇人民路18号"]));
    }

    [Theory]
    [InlineData("2026-03-14 09:12:40 新繁镇龙桥村")]
    [InlineData("新繁镇龙桥村 2026-03-14 09:12:40")]
    [InlineData("2026年3月14日 星期六 09:12 新繁镇龙桥村")]
    [InlineData("２０２６－０３－１４　０９：１２：４０　新繁镇龙桥村")]
    public void The_place_on_the_clocks_own_line_is_read_without_the_clock(string line)
    {
        Assert.Equal("新繁镇龙桥村", WatermarkText.PlaceOf([line]));
        Assert.Equal(new DateTime(2026, 3, 14, 9, 12, line.Contains("40", StringComparison.Ordinal) || line.Contains("４０", StringComparison.Ordinal) ? 40 : 0), WatermarkText.TimeOf([line]));
    }

    [Theory]
    [InlineData("2026-03-14 O9:12:4O 新繁镇龙桥村")]
    [InlineData("2O26-O3-l4 09:12 新繁镇龙桥村")]
    public void A_misread_clock_is_never_taken_into_the_place(string line)
    {
        Assert.Equal("新繁镇龙桥村", WatermarkText.PlaceOf([line]));
    }

    [Fact]
    public void A_house_number_stays_in_the_place_and_a_line_of_clock_alone_is_no_place()
    {
        Assert.Equal("坪石镇人民路18号", WatermarkText.PlaceOf(["10:15:32 坪石镇人民路18号"]));
        Assert.Null(WatermarkText.PlaceOf(["2026-03-14 09:12:40", "GPS 23.1N 113.2E"]));
    }
}
