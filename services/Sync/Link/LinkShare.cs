namespace Hall.Sync.Link;

/// <summary>
/// The hall's link as the box's senders share it: one bandwidth cap (<c>Sync:BandwidthKbps</c>) for the uplink's
/// events and the uploads of videos the county asked for, and an order between them: while a batch of events is on the
/// wire, video bytes wait (<see cref="VideoTurnAsync"/>), so the hall's own records are never held up by a video; between
/// batches the video goes on. Thread-safe: the uplink and the uploader take from it side by side.
/// </summary>
public sealed class LinkShare
{
    private readonly Lock _lock = new();
    private readonly TokenBucket? _bucket;
    private int _eventsSending;
    private TaskCompletionSource? _eventsDone;

    public LinkShare(SyncOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bucket = options.BandwidthKbps > 0 ? new TokenBucket(options.BandwidthKbps * 1000.0 / 8, time) : null;
    }

    /// <summary>True when a cap is set: bodies are written in pieces that each wait for their tokens.</summary>
    public bool Capped => _bucket is not null;

    /// <summary>Completes when no batch of events is on the wire.</summary>
    public Task VideoTurnAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_eventsSending == 0)
            {
                return Task.CompletedTask;
            }

            _eventsDone ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _eventsDone.Task.WaitAsync(cancellationToken);
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
        TaskCompletionSource? done = null;
        lock (_lock)
        {
            if (--_eventsSending == 0)
            {
                done = _eventsDone;
                _eventsDone = null;
            }
        }

        done?.TrySetResult();
    }

    private sealed class Sending(LinkShare share) : IDisposable
    {
        private LinkShare? _share = share;

        public void Dispose() => Interlocked.Exchange(ref _share, null)?.Sent();
    }
}
