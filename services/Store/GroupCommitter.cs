using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Hall.Store;

/// <summary>
/// A single writer that applies queued commands in groups: every command taken in one pass
/// shares one transaction and so one disk sync. A caller's task completes only after its
/// command is committed, which is what lets the broker send PUBACK after a durable write.
/// Being the only writer also makes each command atomic against the others (two counters
/// pressing "next" together never get the same ticket).
/// </summary>
public sealed class GroupCommitter<TCommand, TResult> : IAsyncDisposable
{
    private readonly HallDatabase _database;
    private readonly Func<SqliteTransaction, TCommand, TResult> _apply;
    private readonly Action<Exception> _onRollback;
    private readonly int _maxBatch;
    private readonly Channel<Pending> _channel;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public GroupCommitter(
        HallDatabase database,
        Func<SqliteTransaction, TCommand, TResult> apply,
        Action<Exception> onRollback,
        int capacity = 1024,
        int maxBatch = 256)
    {
        _database = database;
        _apply = apply;
        _onRollback = onRollback;
        _maxBatch = maxBatch;
        _channel = Channel.CreateBounded<Pending>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Number of groups committed so far: with many concurrent callers it stays well below the number of commands.</summary>
    public long Commits { get; private set; }

    /// <summary>Commands committed so far: divided by <see cref="Commits"/>, the average group size.</summary>
    public long CommandsCommitted { get; private set; }

    public void Start()
    {
        _loop ??= Task.Run(() => RunAsync(_stop.Token));
    }

    public async Task<TResult> SubmitAsync(TCommand command, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(command, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _channel.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Queues a command without waiting for its commit: for derived records (reports) that must not
    /// slow the caller. The returned task completes when the command is committed (or fails).
    /// </summary>
    public async ValueTask<Task<TResult>> EnqueueAsync(TCommand command, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(command, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _channel.Writer.WriteAsync(pending, cancellationToken);
        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        if (_loop is not null)
        {
            try
            {
                await _loop.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                await _stop.CancelAsync();
            }
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var connection = _database.Open();
        var batch = new List<Pending>(_maxBatch);
        var results = new List<TResult>(_maxBatch);
        while (await _channel.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            results.Clear();
            while (batch.Count < _maxBatch && _channel.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                using var write = _database.BeginWrite(connection);
                foreach (var pending in batch)
                {
                    results.Add(_apply(write.Transaction, pending.Command));
                }

                write.Commit();
                Commits++;
                CommandsCommitted += batch.Count;
            }
            catch (Exception ex)
            {
                _onRollback(ex);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(new StoreUnavailableException("The box could not save this request; nothing was changed. Try again.", ex));
                }

                continue;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
    }

    private sealed record Pending(TCommand Command, TaskCompletionSource<TResult> Completion);
}
