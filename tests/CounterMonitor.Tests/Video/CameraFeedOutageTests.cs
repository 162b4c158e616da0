using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Hall.CounterMonitor.Video;
using Microsoft.Extensions.Time.Testing;

namespace Hall.CounterMonitor.Tests.Video;

/// <summary>Cameras that fail for real: a killed stream server, a silent socket, a closed port, a missing file.</summary>
public class CameraFeedOutageTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_camera_that_drops_goes_offline_once_and_comes_back_with_a_new_generation()
    {
        using var limit = new CancellationTokenSource(Limit);
        var port = ProcessTable.FreePort();
        var camera = Ffmpeg.StartTcpCamera(port);
        try
        {
            await ProcessTable.WaitUntilAsync(() => ProcessTable.IsListening(port), limit.Token);
            var channel = Channel.CreateBounded<VideoFrame>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
            await using var feed = new CameraFeed(
                new CameraFeedOptions
                {
                    CameraId = "counter-1",
                    Source = $"tcp://127.0.0.1:{port}",
                    SampleRate = 5,
                    // Generous: on two busy cores the first frame of a stream can take a few seconds.
                    NoFrameTimeout = TimeSpan.FromSeconds(5),
                    MinBackoff = TimeSpan.FromMilliseconds(200),
                    MaxBackoff = TimeSpan.FromSeconds(1),
                },
                channel.Writer);
            var health = new HealthLog(feed);
            var run = feed.RunAsync(limit.Token);

            var online = await health.NextAsync(limit.Token);
            Assert.True(online.Online);
            var first = await channel.Reader.ReadAsync(limit.Token);
            var generation = first.Generation;

            // Pull the cable.
            await KillAsync(camera, limit.Token);
            var offline = await health.NextAsync(limit.Token);
            Assert.False(offline.Online);
            Assert.Equal("counter-1", offline.CameraId);
            Assert.False(string.IsNullOrWhiteSpace(offline.Reason));

            // It keeps trying while the camera is away, and says so only once.
            var restarts = feed.Restarts;
            await ProcessTable.WaitUntilAsync(() => feed.Restarts >= restarts + 2, limit.Token);
            Assert.Equal([true, false], health.All.Select(h => h.Online));
            Assert.False(run.IsCompleted);

            // Plug it back in.
            camera.Dispose();
            camera = Ffmpeg.StartTcpCamera(port);
            var back = await health.NextAsync(limit.Token);
            Assert.True(back.Online);
            VideoFrame resumed;
            do
                resumed = await channel.Reader.ReadAsync(limit.Token);
            while (resumed.Generation == generation);

            Assert.True(resumed.Generation > generation);
            Assert.Equal([true, false, true], health.All.Select(h => h.Online));
            Assert.Single(health.All, h => !h.Online);
            Assert.False(run.IsFaulted);
        }
        finally
        {
            await KillAsync(camera, CancellationToken.None);
            camera.Dispose();
        }
    }

    [Fact]
    public async Task A_camera_with_key_frames_eight_seconds_apart_gives_its_first_frame_from_the_first_key_frame()
    {
        // H.264+ / smart-codec cameras send a key frame every few seconds. The packets read while ffmpeg looks at the
        // stream must not be dropped: the first of them is the key frame every later frame needs, and without it the
        // next one comes 8 s later, after the no-frame watchdog (6 s here) has called the camera offline.
        using var limit = new CancellationTokenSource(Limit);
        var port = ProcessTable.FreePort();
        var camera = Ffmpeg.StartTcpCamera(port, keyFrameEvery: 200);
        try
        {
            await ProcessTable.WaitUntilAsync(() => ProcessTable.IsListening(port), limit.Token);
            var channel = Channel.CreateBounded<VideoFrame>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
            await using var feed = new CameraFeed(
                new CameraFeedOptions
                {
                    CameraId = "smart-codec",
                    Source = $"tcp://127.0.0.1:{port}",
                    SampleRate = 2,
                    NoFrameTimeout = TimeSpan.FromSeconds(6),
                    MinBackoff = TimeSpan.FromMilliseconds(200),
                    MaxBackoff = TimeSpan.FromSeconds(1),
                },
                channel.Writer);
            var health = new HealthLog(feed);
            var run = feed.RunAsync(limit.Token);

            var first = await health.NextAsync(limit.Token);
            Assert.True(first.Online, first.Reason);
            await channel.Reader.ReadAsync(limit.Token);
            Assert.Equal(0, feed.Restarts);
        }
        finally
        {
            await KillAsync(camera, CancellationToken.None);
            camera.Dispose();
        }
    }

    [Fact]
    public async Task A_camera_that_connects_but_sends_nothing_is_offline_for_no_frame()
    {
        using var limit = new CancellationTokenSource(Limit);
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var feed = new CameraFeed(
            new CameraFeedOptions
            {
                CameraId = "counter-2",
                Source = $"tcp://127.0.0.1:{port}",
                NoFrameTimeout = TimeSpan.FromSeconds(1.5),
                SocketTimeout = TimeSpan.FromSeconds(30),
                MinBackoff = TimeSpan.FromMilliseconds(100),
                MaxBackoff = TimeSpan.FromMilliseconds(500),
            },
            Channel.CreateUnbounded<VideoFrame>().Writer);
        var health = new HealthLog(feed);
        _ = feed.RunAsync(limit.Token);

        // Accept the connection and never send a byte, like a camera whose encoder hung.
        using var connection = await silent.AcceptTcpClientAsync(limit.Token);
        var offline = await health.NextAsync(limit.Token);

        Assert.False(offline.Online);
        Assert.Equal("1.5 秒没有收到画面", offline.Reason);
    }

    [Fact]
    public async Task The_no_frame_watchdog_runs_on_the_injected_clock()
    {
        using var limit = new CancellationTokenSource(Limit);
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(8)));
        await using var feed = new CameraFeed(
            new CameraFeedOptions
            {
                CameraId = "counter-3",
                Source = $"tcp://127.0.0.1:{port}",
                // Only the fake clock can make an hour pass within the test.
                NoFrameTimeout = TimeSpan.FromHours(1),
                SocketTimeout = TimeSpan.FromHours(2),
            },
            Channel.CreateUnbounded<VideoFrame>().Writer,
            time);
        var health = new HealthLog(feed);
        _ = feed.RunAsync(limit.Token);
        using var connection = await silent.AcceptTcpClientAsync(limit.Token);

        var offline = health.NextAsync(limit.Token).AsTask();
        while (!offline.IsCompleted)
        {
            time.Advance(TimeSpan.FromMinutes(10));
            await Task.WhenAny(offline, Task.Delay(20, limit.Token));
        }

        Assert.Equal("3600 秒没有收到画面", (await offline).Reason);
        Assert.Equal(0, feed.FramesReceived);
    }

    [Fact]
    public async Task A_closed_port_is_reported_as_a_failed_connection()
    {
        using var limit = new CancellationTokenSource(Limit);
        var port = ProcessTable.FreePort();
        await using var feed = new CameraFeed(
            new CameraFeedOptions
            {
                CameraId = "counter-4",
                Source = $"tcp://127.0.0.1:{port}",
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
    }

    [Fact]
    public async Task A_source_that_never_works_keeps_restarting_slower_and_cancel_leaves_no_ffmpeg()
    {
        using var limit = new CancellationTokenSource(Limit);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-camera-{Guid.NewGuid():N}.mp4");
        var min = TimeSpan.FromMilliseconds(50);
        var feed = new CameraFeed(
            new CameraFeedOptions
            {
                CameraId = "counter-5",
                Source = missing,
                MinBackoff = min,
                MaxBackoff = TimeSpan.FromMilliseconds(400),
            },
            Channel.CreateUnbounded<VideoFrame>().Writer);
        var health = new HealthLog(feed);
        var run = feed.RunAsync(stop.Token);

        await ProcessTable.WaitUntilAsync(() => feed.Restarts >= 4, limit.Token);
        var backoff = feed.CurrentBackoff;
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(limit.Token));
        var offline = Assert.Single(health.All);
        Assert.False(offline.Online);
        Assert.StartsWith("文件不存在: ", offline.Reason, StringComparison.Ordinal);
        Assert.Contains(missing, offline.Reason, StringComparison.Ordinal);
        Assert.True(backoff > min, $"backoff grew from {min} to {backoff}");
        Assert.True(feed.Generation >= 5);
        Assert.Null(feed.ProcessId);
        Assert.Empty(ProcessTable.WithCommandLineContaining(missing));
        feed.Dispose();
    }

    [Fact]
    public async Task Without_ffmpeg_the_camera_is_offline_with_the_reason_and_the_feed_keeps_trying()
    {
        using var limit = new CancellationTokenSource(Limit);
        await using var feed = new CameraFeed(
            new CameraFeedOptions
            {
                CameraId = "counter-6",
                Source = "rtsp://cam/1",
                FfmpegPath = "/nonexistent/ffmpeg",
                MinBackoff = TimeSpan.FromMilliseconds(20),
                MaxBackoff = TimeSpan.FromMilliseconds(100),
            },
            Channel.CreateUnbounded<VideoFrame>().Writer);
        var health = new HealthLog(feed);
        var run = feed.RunAsync(limit.Token);

        await ProcessTable.WaitUntilAsync(() => feed.Restarts >= 3, limit.Token);

        var offline = Assert.Single(health.All);
        Assert.StartsWith("无法启动 ffmpeg (/nonexistent/ffmpeg): ", offline.Reason, StringComparison.Ordinal);
        Assert.False(run.IsCompleted);
    }

    private static async Task KillAsync(Process process, CancellationToken cancellationToken)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            return;
        }

        await process.WaitForExitAsync(cancellationToken);
    }
}
