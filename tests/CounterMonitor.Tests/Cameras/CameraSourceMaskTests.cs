using Hall.CounterMonitor.Cameras;
using Hall.CounterMonitor.Video;

namespace Hall.CounterMonitor.Tests.Cameras;

/// <summary>A camera's password never shows on a page or in a log, whatever characters it holds.</summary>
public class CameraSourceMaskTests
{
    [Theory]
    [InlineData("rtsp://admin:secret@10.1.2.3:554/h264", "rtsp://admin:***@10.1.2.3:554/h264")]
    [InlineData("rtsp://admin:p@ss@w0rd@10.1.2.3:554/Streaming/Channels/102", "rtsp://admin:***@10.1.2.3:554/Streaming/Channels/102")]
    [InlineData("rtsp://admin:p@ss@10.1.2.3", "rtsp://admin:***@10.1.2.3")]
    [InlineData("rtsp://10.1.2.3:554/h264", "rtsp://10.1.2.3:554/h264")]
    public void The_page_shows_the_source_with_the_whole_password_masked(string source, string shown)
    {
        var camera = new CameraDefinition { Id = "c1", Source = source, Counter = "1" };

        Assert.Equal(shown, camera.SafeSource);
    }

    [Fact]
    public void An_outage_reason_keeps_no_part_of_a_password_holding_at_signs()
    {
        var reason = OutageReason.FromExit(1, ["rtsp://admin:p@ss@w0rd@10.1.2.3:554/h264: Connection refused"]);

        Assert.DoesNotContain("ss", reason.Replace("Connection", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("w0rd", reason, StringComparison.Ordinal);
        Assert.Contains("rtsp://***@10.1.2.3:554/h264", reason, StringComparison.Ordinal);
    }
}
