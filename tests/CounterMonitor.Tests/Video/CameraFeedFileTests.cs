using System.Threading.Channels;
using Hall.CounterMonitor.Video;
using Microsoft.Extensions.Time.Testing;

namespace Hall.CounterMonitor.Tests.Video;

public class CameraFeedFileTests(TestVideos videos) : IClassFixture<TestVideos>
{
    [Fact]
    public async Task Six_seconds_sampled_at_2_fps_gives_twelve_letterboxed_frames_and_ends_the_run()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(8)));
        var channel = Channel.CreateUnbounded<VideoFrame>();
        await using var feed = new CameraFeed(
            new CameraFeedOptions
            {
                CameraId = "counter-3",
                Source = videos.Clip704x576,
                Width = 128,
                Height = 128,
                SampleRate = 2,
                Pace = FramePace.AsFastAsPossible,
            },
            channel.Writer,
            time);
        var health = new HealthLog(feed);

        await feed.RunAsync(limit.Token).WaitAsync(limit.Token);
        channel.Writer.Complete();
        var frames = await channel.Reader.ReadAllAsync(limit.Token).ToListAsync(limit.Token);

        Assert.InRange(frames.Count, 11, 13);
        Assert.Equal(Enumerable.Range(0, frames.Count).Select(i => (long)i), frames.Select(f => f.Index));
        Assert.All(frames, f =>
        {
            Assert.Equal("counter-3", f.CameraId);
            Assert.Equal(1, f.Generation);
            Assert.Equal(TimeSpan.FromSeconds(f.Index / 2.0), f.StreamTime);
            Assert.Equal(time.GetUtcNow(), f.ReceivedAt);
            Assert.Equal((128, 128), (f.Width, f.Height));
            Assert.Equal(128 * 128 * 3, f.Rgb.Length);
        });
        Assert.Equal(frames.Count, frames.Select(f => f.Rgb).Distinct().Count());

        // 704x576 in 128x128 is about 128x105: bars of about 11 rows above and below.
        var frame = frames[3];
        Assert.True(RowMax(frame, 0) <= 16 && RowMax(frame, 8) <= 16, "top bar is black");
        Assert.True(RowMax(frame, 127) <= 16 && RowMax(frame, 119) <= 16, "bottom bar is black");
        Assert.True(RowMax(frame, 64) > 100, "the picture is there");

        // The end of a file is not an outage.
        Assert.Equal([true], health.All.Select(h => h.Online));
        Assert.Equal(0, feed.Restarts);
        Assert.Equal(frames.Count, feed.FramesReceived);
        Assert.Equal(0, feed.FramesDropped);
        Assert.Null(feed.ProcessId);
    }

    [Fact]
    public async Task Frames_a_full_writer_refuses_are_counted_as_dropped()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var channel = Channel.CreateBounded<VideoFrame>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.Wait });
        await using var feed = new CameraFeed(
            new CameraFeedOptions { CameraId = "c", Source = videos.Clip704x576, SampleRate = 2, Pace = FramePace.AsFastAsPossible },
            channel.Writer);

        await feed.RunAsync(limit.Token).WaitAsync(limit.Token);

        Assert.Equal(4, channel.Reader.Count);
        Assert.Equal(feed.FramesReceived - 4, feed.FramesDropped);
        Assert.True(feed.FramesDropped > 0);
    }

    [Fact]
    public async Task A_looping_replay_runs_like_a_camera_until_disposed_and_leaves_no_ffmpeg()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var channel = Channel.CreateBounded<VideoFrame>(new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.DropOldest });
        var feed = new CameraFeed(
            new CameraFeedOptions
            {
                CameraId = "replay",
                Source = videos.Clip704x576,
                SampleRate = 5,
                Pace = FramePace.Realtime,
                Loop = true,
            },
            channel.Writer);
        var health = new HealthLog(feed);

        var run = feed.RunAsync(limit.Token);
        await health.NextAsync(online: true, limit.Token);
        var pid = feed.ProcessId;
        for (var i = 0; i < 3; i++)
            await channel.Reader.ReadAsync(limit.Token);
        await feed.DisposeAsync();

        Assert.NotNull(pid);
        Assert.True(run.IsCompletedSuccessfully);
        Assert.Null(feed.ProcessId);
        Assert.False(ProcessTable.IsAlive(pid.Value));
        Assert.Empty(ProcessTable.WithCommandLineContaining(videos.Directory));
        Assert.Equal([true], health.All.Select(h => h.Online));
    }

    private static int RowMax(VideoFrame frame, int row) =>
        frame.Rgb.AsSpan(row * frame.Width * 3, frame.Width * 3).ToArray().Max();
}
