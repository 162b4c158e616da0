using System.Threading.Channels;
using Hall.CounterMonitor.Video;

namespace Hall.CounterMonitor.Tests.Video;

/// <summary>A camera's password reaches ffmpeg, and no one else: not `ps`, not /proc/&lt;pid&gt;/cmdline.</summary>
public class CameraFeedSecretTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_camera_with_a_password_streams_and_the_password_is_in_no_command_line()
    {
        using var limit = new CancellationTokenSource(Limit);
        var port = ProcessTable.FreePort();
        var password = "S3cret-" + Guid.NewGuid().ToString("N")[..8];
        using var camera = Ffmpeg.StartTcpCamera(port);
        try
        {
            await ProcessTable.WaitUntilAsync(() => ProcessTable.IsListening(port), limit.Token);
            var channel = Channel.CreateBounded<VideoFrame>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropOldest });
            await using var feed = new CameraFeed(
                new CameraFeedOptions
                {
                    CameraId = "counter-7",
                    // ffmpeg's tcp protocol ignores the user info, so the test camera serves it like an RTSP camera would.
                    Source = $"tcp://admin:{password}@127.0.0.1:{port}",
                    SampleRate = 5,
                    NoFrameTimeout = TimeSpan.FromSeconds(10),
                },
                channel.Writer);
            var health = new HealthLog(feed);
            _ = feed.RunAsync(limit.Token);

            Assert.True((await health.NextAsync(limit.Token)).Online);
            var frame = await channel.Reader.ReadAsync(limit.Token);
            var pid = Assert.IsType<int>(feed.ProcessId);
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');

            Assert.Equal(feed.Options.FrameBytes, frame.Rgb.Length);
            Assert.Contains("ffmpeg", cmdline, StringComparison.Ordinal);
            Assert.Contains("pipe:0", cmdline, StringComparison.Ordinal);
            Assert.DoesNotContain(password, cmdline, StringComparison.Ordinal);
            Assert.Empty(ProcessTable.WithCommandLineContaining(password));
        }
        finally
        {
            camera.Kill(entireProcessTree: true);
            await camera.WaitForExitAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_camera_with_a_password_that_refuses_the_connection_is_offline_without_the_password()
    {
        using var limit = new CancellationTokenSource(Limit);
        var port = ProcessTable.FreePort();
        await using var feed = new CameraFeed(
            new CameraFeedOptions
            {
                CameraId = "counter-8",
                Source = $"tcp://admin:hunter2@127.0.0.1:{port}",
                MinBackoff = TimeSpan.FromMilliseconds(100),
                MaxBackoff = TimeSpan.FromMilliseconds(500),
            },
            Channel.CreateUnbounded<VideoFrame>().Writer);
        var health = new HealthLog(feed);
        _ = feed.RunAsync(limit.Token);

        var offline = await health.NextAsync(limit.Token);

        Assert.False(offline.Online);
        Assert.StartsWith("连接失败: ", offline.Reason, StringComparison.Ordinal);
        Assert.Contains("Connection refused", offline.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", offline.Reason, StringComparison.Ordinal);
    }
}
