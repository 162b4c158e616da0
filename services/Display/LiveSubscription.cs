using System.Threading.Channels;

namespace Hall.Display;

/// <summary>One connected page's view of the live feed. Dispose it when the page goes.</summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly Action<LiveSubscription> _unsubscribe;
    private readonly Channel<LiveMessage> _channel;
    private readonly IReadOnlyList<string> _filters;
    private int _disposed;

    internal LiveSubscription(int capacity, IReadOnlyList<string> filters, Action<LiveSubscription> unsubscribe)
    {
        _filters = filters;
        _unsubscribe = unsubscribe;
        _channel = Channel.CreateBounded<LiveMessage>(new BoundedChannelOptions(capacity)
        {
            // A stuck browser loses its oldest messages; it never holds up the box.
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleWriter = false,
            SingleReader = true,
        });
    }

    public ChannelReader<LiveMessage> Reader => _channel.Reader;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _unsubscribe(this);
            _channel.Writer.TryComplete();
        }
    }

    internal void Offer(LiveMessage message)
    {
        if (LiveTopicFilter.Matches(message.Topic, _filters))
        {
            _channel.Writer.TryWrite(message);
        }
    }
}
