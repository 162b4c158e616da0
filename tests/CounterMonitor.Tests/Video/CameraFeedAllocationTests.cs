using System.Threading.Channels;
using Hall.CounterMonitor.Video;

namespace Hall.CounterMonitor.Tests.Video;

[CollectionDefinition(nameof(AllocationMeasurement), DisableParallelization = true)]
public sealed class AllocationMeasurement;

/// <summary>Alone in its collection: the allocation counter is process-wide.</summary>
[Collection(nameof(AllocationMeasurement))]
public class CameraFeedAllocationTests(TestVideos videos) : IClassFixture<TestVideos>
{
    [Fact]
    public async Task Reading_costs_about_one_frame_buffer_per_frame()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var options = new CameraFeedOptions
        {
            CameraId = "c",
            Source = videos.Clip704x576,
            SampleRate = 25,
            Pace = FramePace.AsFastAsPossible,
        };
        // Warm up: JIT and the process machinery allocate once.
        await RunAsync(options, limit.Token);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var frames = await RunAsync(options, limit.Token);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.InRange(frames, 140, 160);
        var perFrame = (double)allocated / frames;
        // A copy per frame would show as twice the buffer; starting ffmpeg costs a few hundred KB per run.
        Assert.True(perFrame < options.FrameBytes * 1.5, $"{perFrame:0} bytes per frame for a {options.FrameBytes}-byte frame");
    }

    private static async Task<long> RunAsync(CameraFeedOptions options, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<VideoFrame>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.DropOldest });
        await using var feed = new CameraFeed(options, channel.Writer);
        await feed.RunAsync(cancellationToken).WaitAsync(cancellationToken);
        return feed.FramesReceived;
    }
}
