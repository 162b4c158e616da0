namespace Hall.Sync.Link;

/// <summary>
/// The hall's link as the box's senders share it: one bandwidth cap (<c>Sync:BandwidthKbps</c>) for the uplink's
/// events and the uploads of videos the county asked for, and an order between them: while events wait or are on the
/// wire, video bytes wait (<see cref="VideoMayGo"/>), so the hall's own records are never held up by a video.
/// Thread-safe: the uplink and the uploader take from it side by side.
/// </summary>
public sealed class LinkShare
{
    private readonly Lock _lock = new();
    private readonly TokenBucket? _bucket;
    private int _eventsSending;
    private bool _eventsWaiting;

    public LinkShare(SyncOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bucket = options.BandwidthKbps > 0 ? new TokenBucket(options.BandwidthKbps * 1000.0 / 8, time) : null;
    }

    /// <summary>True when a cap is set: bodies are written in pieces that each wait for their tokens.</summary>
    public bool Capped => _bucket is not null;

    /// <summary>False while the uplink has events to send or is sending them.</summary>
    public bool VideoMayGo
    {
        get
        {
            lock (_lock)
            {
                return _eventsSending == 0 && !_eventsWaiting;
            }
        }
    }

    /// <summary>How long to wait before <paramref name="bytes"/> may go under the cap; takes them.</summary>
    public TimeSpan Take(int bytes)
    {
        if (_bucket is null)
        {
            return TimeSpan.Zero;
        }

        lock (_lock)
        {
            return _bucket.Take(bytes);
        }
    }

    /// <summary>The uplink says whether events wait in its outbox (it says so on every turn of its loop).</summary>
    public void EventsWaiting(bool waiting)
    {
        lock (_lock)
        {
            _eventsWaiting = waiting;
        }
    }

    /// <summary>Marks a batch of events on the wire until disposed.</summary>
    public IDisposable SendingEvents()
    {
        lock (_lock)
        {
            _eventsSending++;
        }

        return new Sending(this);
    }

    private void Sent()
    {
        lock (_lock)
        {
            _eventsSending--;
        }
    }

    private sealed class Sending(LinkShare share) : IDisposable
    {
        private LinkShare? _share = share;

        public void Dispose() => Interlocked.Exchange(ref _share, null)?.Sent();
    }
}
