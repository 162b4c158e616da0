using Hall.SiteInspection.Analysis;

namespace Hall.SiteInspection.Tests.Analysis;

public class WordingTests
{
    [Theory]
    [InlineData(12, 17, "00:12–00:17")]
    [InlineData(12.4, 12.6, "00:12–00:13")]
    [InlineData(70, 80.2, "01:10–01:20")]
    [InlineData(3599.6, 3725, "1:00:00–1:02:05")]
    public void Ranges_are_whole_seconds_and_never_empty(double from, double to, string expected)
    {
        Assert.Equal(expected, Wording.Range(TimeSpan.FromSeconds(from), TimeSpan.FromSeconds(to)));
    }

    [Fact]
    public void Reasons_read_as_the_hall_staff_expect()
    {
        Assert.Equal("01:10–01:20 与 00:20–00:30 的画面重复",
            Wording.Repeated(TimeSpan.FromSeconds(70), TimeSpan.FromSeconds(80), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30)));
        Assert.Equal("01:32 画面突然切换,疑似剪辑拼接", Wording.Spliced(TimeSpan.FromSeconds(91.8)));
        Assert.Equal("00:30–00:36 画面静止不动,可能是暂停录制或翻拍", Wording.Frozen(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(36)));
    }
}
