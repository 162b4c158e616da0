using System.Threading.Channels;

namespace Hall.Store.Writer;

/// <summary>
/// One listener's own bounded queue of committed work and its loop: a slow listener falls behind on its lane alone.
/// A delivery that throws is tried again (three times in all, waiting longer each time) and then dead-lettered: logged
/// at error with the event and counted, never silently dropped.
/// </summary>
internal sealed class ListenerLane
{
    private static readonly TimeSpan[] RetryAfter = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500)];
    private readonly Channel<object> _channel;
    private readonly Func<object, CancellationToken, Task> _deliver;
    private readonly Func<Committed, IEnumerable<object>> _select;
    private readonly TimeProvider _time;
    private readonly Lock _progressGate = new();
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _offered;
    private long _done;
    private long _delivered;
    private long _retries;
    private long _deadLetters;

    /// <param name="select">The units of a committed command this listener takes (its events, or its publications).</param>
    public ListenerLane(string name, int capacity, Func<Committed, IEnumerable<object>> select, Func<object, CancellationToken, Task> deliver, TimeProvider time)
    {
        Name = name;
        _select = select;
        _deliver = deliver;
        _time = time;
        _channel = Channel.CreateBounded<object>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
    }

    public string Name { get; }

    /// <summary>The handler this lane feeds (null for the MQTT publications).</summary>
    public object? Listener { get; init; }

    public long Offered => Interlocked.Read(ref _offered);

    public long Done => Interlocked.Read(ref _done);

    public ListenerStatus Status => new(Name, Offered - Done, Interlocked.Read(ref _delivered), Interlocked.Read(ref _retries), Interlocked.Read(ref _deadLetters));

    /// <summary>Queues what this listener takes of the command; each unit that finds the lane full is dead-lettered.</summary>
    public void Offer(Committed committed, Action<object, Exception?> deadLetter)
    {
        foreach (var unit in _select(committed))
        {
            if (_channel.Writer.TryWrite(unit))
            {
                Interlocked.Increment(ref _offered);
            }
            else
            {
                Interlocked.Increment(ref _deadLetters);
                deadLetter(unit, null);
            }
        }
    }

    public async Task RunAsync(Action<object, Exception?> deadLetter, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var unit in _channel.Reader.ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(unit, deadLetter, stoppingToken);
                Interlocked.Increment(ref _done);
                TaskCompletionSource progressed;
                lock (_progressGate)
                {
                    progressed = _progress;
                    _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                progressed.TrySetResult();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The box is stopping: what is still queued is in the outbox; retained state is rebuilt at the next start.
        }
    }

    /// <summary>Completes once this lane has worked through the first <paramref name="count"/> items it was offered.</summary>
    public async Task WhenDoneAsync(long count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (_progressGate)
            {
                if (Done >= count)
                {
                    return;
                }

                next = _progress.Task;
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    private async Task DeliverAsync(object unit, Action<object, Exception?> deadLetter, CancellationToken stoppingToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _deliver(unit, stoppingToken);
                Interlocked.Increment(ref _delivered);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (attempt >= RetryAfter.Length)
                {
                    Interlocked.Increment(ref _deadLetters);
                    deadLetter(unit, ex);
                    return;
                }

                Interlocked.Increment(ref _retries);
                await Task.Delay(RetryAfter[attempt], _time, stoppingToken);
            }
        }
    }
}
