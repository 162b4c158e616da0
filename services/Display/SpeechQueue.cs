using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Display;

/// <summary>
/// Announcements to render ahead of the page asking for them. Bounded, dropping the oldest:
/// a call never waits for speech, and a dropped clip is simply rendered on demand.
/// </summary>
public sealed class SpeechQueue
{
    private readonly Channel<string> _channel;

    public SpeechQueue(IOptions<DisplayOptions> options, ILogger<SpeechQueue> logger)
    {
        _channel = Channel.CreateBounded<string>(
            new BoundedChannelOptions(options.Value.SpeechQueueCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
            },
            _ => logger.SpeechQueueFull());
    }

    public ChannelReader<string> Reader => _channel.Reader;

    /// <summary>Queues a registered key for rendering; never blocks.</summary>
    public void Enqueue(string key) => _channel.Writer.TryWrite(key);
}
