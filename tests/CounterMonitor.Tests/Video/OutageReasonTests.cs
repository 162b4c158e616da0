using Hall.CounterMonitor.Video;

namespace Hall.CounterMonitor.Tests.Video;

public class OutageReasonTests
{
    [Fact]
    public void Refused_connection_says_connection_failed_with_ffmpegs_line_and_no_memory_address()
    {
        var reason = OutageReason.FromExit(1,
        [
            "[tcp @ 0x5556f15aa800] Connection to tcp://127.0.0.1:1?timeout=5000000 failed: Connection refused",
            "tcp://127.0.0.1:1: Connection refused",
        ]);

        Assert.Equal("连接失败: tcp://127.0.0.1:1: Connection refused", reason);
    }

    [Fact]
    public void Passwords_in_urls_never_reach_the_reason()
    {
        var reason = OutageReason.FromExit(1, ["rtsp://admin:secret@10.1.2.3:554/h264: Connection refused"]);

        Assert.DoesNotContain("secret", reason, StringComparison.Ordinal);
        Assert.Contains("rtsp://***@10.1.2.3:554/h264", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized", "认证失败")]
    [InlineData("[rtsp @ 0x1] method DESCRIBE failed: 404 Not Found", "流地址不存在")]
    [InlineData("/data/missing.mp4: No such file or directory", "文件不存在")]
    [InlineData("tcp://10.0.0.9:554: Connection timed out", "连接失败")]
    [InlineData("x.mp4: Invalid data found when processing input", "无法解码")]
    [InlineData("Something new", "ffmpeg 出错")]
    public void Known_failures_are_named_for_the_technician(string line, string kind)
    {
        var reason = OutageReason.FromExit(1, [line, "Conversion failed!"]);

        Assert.StartsWith(kind, reason, StringComparison.Ordinal);
        Assert.EndsWith(line[(line.IndexOf(']', StringComparison.Ordinal) + 1)..].Trim(), reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_number_is_not_mistaken_for_an_http_status()
    {
        Assert.StartsWith("连接失败", OutageReason.FromExit(1, ["tcp://127.0.0.1:4010: Connection refused"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_silent_end_is_a_stream_that_ended_and_a_silent_failure_gives_the_exit_code()
    {
        Assert.Equal(OutageReason.StreamEnded, OutageReason.FromExit(0, []));
        Assert.Equal("ffmpeg 出错(退出码 187)", OutageReason.FromExit(187, []));
    }

    [Fact]
    public void Watchdog_reason_names_the_silence()
    {
        Assert.Equal("10 秒没有收到画面", OutageReason.NoFrameFor(TimeSpan.FromSeconds(10)));
        Assert.Equal("2.5 秒没有收到画面", OutageReason.NoFrameFor(TimeSpan.FromSeconds(2.5)));
    }
}
