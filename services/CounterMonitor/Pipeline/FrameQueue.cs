using System.Collections.Concurrent;
using System.Threading.Channels;
using Hall.CounterMonitor.Video;
using Microsoft.Extensions.Options;

namespace Hall.CounterMonitor.Pipeline;

/// <summary>
/// The one bounded channel between every camera's ffmpeg and the one inference worker. When inference falls behind,
/// the oldest sample is dropped (a stale picture of a counter is worth nothing) and counted against its camera.
/// </summary>
public sealed class FrameQueue
{
    private readonly ConcurrentDictionary<string, long> _dropped = new(StringComparer.Ordinal);

    public FrameQueue(IOptions<CounterMonitorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Channel = System.Threading.Channels.Channel.CreateBounded<VideoFrame>(
            new BoundedChannelOptions(options.Value.InferenceQueue)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            },
            frame => _dropped.AddOrUpdate(frame.CameraId, 1, (_, n) => n + 1));
    }

    public Channel<VideoFrame> Channel { get; }

    /// <summary>Samples of a camera dropped because inference was behind.</summary>
    public long DroppedOf(string cameraId) => _dropped.TryGetValue(cameraId, out var n) ? n : 0;
}
