using System.Threading.Channels;
using Hall.Contract;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hall.Store.Writer;

/// <summary>
/// The box's one writer. Every service that takes commands hands them here; the writer applies them in groups, each
/// group one transaction and so one disk sync, with the request log of repeated requestIds and the outbox rows in the
/// same transaction. A caller's task completes once its group has committed (that is when the broker sends PUBACK and
/// the reply); what the command raised is then handed to the <see cref="EventDispatcher"/>, which runs the listeners
/// on their own lanes, never on the reply path. Being the only writer also makes each command atomic against the
/// others (two counters pressing "next" together never get the same ticket).
/// A writer loop that dies stops the box with an error naming it (systemd starts it again), and every caller waiting
/// on it is answered with <see cref="StoreUnavailableException"/> instead of hanging.
/// </summary>
public sealed partial class CommandWriter : BackgroundService
{
    private const int Capacity = 1024;
    private const int MaxBatch = 256;
    private readonly HallDatabase _database;
    private readonly EventDispatcher _dispatcher;
    private readonly TimeProvider _time;
    private readonly ILogger<CommandWriter> _logger;
    private readonly Channel<Pending> _channel = Channel.CreateBounded<Pending>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private long _commits;
    private long _commandsCommitted;

    public CommandWriter(HallDatabase database, EventDispatcher dispatcher, TimeProvider time, ILogger<CommandWriter> logger)
    {
        _database = database;
        _dispatcher = dispatcher;
        _time = time;
        _logger = logger;
    }

    /// <summary>Groups committed so far: with many concurrent callers it stays well below the number of commands.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Commands committed so far: divided by <see cref="Commits"/>, the average group size.</summary>
    public long CommandsCommitted => Interlocked.Read(ref _commandsCommitted);

    /// <summary>Commands waiting for the writer now.</summary>
    public int Waiting => _channel.Reader.Count;

    /// <summary>Why the writer stopped, when its loop died; null while it runs.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Applies the command and returns its reply once its group has committed.</summary>
    public async Task<object?> SubmitAsync(WriteCommand command, CancellationToken cancellationToken = default)
    {
        var completion = await EnqueueAsync(command, cancellationToken);
        return await completion.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Hands a command over without waiting for its commit: for derived records (reports, the board's rows) that must
    /// not slow whoever produced them. The returned task completes when the command is committed (or fails).
    /// </summary>
    public async ValueTask<Task<object?>> EnqueueAsync(WriteCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var pending = new Pending(command, new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await _channel.Writer.WriteAsync(pending, cancellationToken);
        }
        catch (ChannelClosedException ex)
        {
            throw Stopped(ex.InnerException ?? Fault);
        }

        return pending.Completion.Task;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Commands already handed over are committed before the box stops: nothing acknowledged to a caller is dropped.
        _channel.Writer.TryComplete();
        if (ExecuteTask is { } running)
        {
            try
            {
                await running.WaitAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException || running.IsFaulted)
            {
                // Stopping anyway; a fault was already logged by the loop.
            }
        }

        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync();
        }
        catch (Exception ex)
        {
            Fault = ex;
            LogDied(ex);
            _channel.Writer.TryComplete(ex);
            while (_channel.Reader.TryRead(out var left))
            {
                left.Completion.TrySetException(Stopped(ex));
            }

            throw;
        }
    }

    private static StoreUnavailableException Stopped(Exception? cause) =>
        new("盒子的写入程序已停止,本次请求未生效;盒子将自动重启,请稍后重试", cause);

    private async Task RunAsync()
    {
        // Runs on a pool thread of its own: a caller completing synchronously never runs the writer inline.
        await Task.Yield();
        using var connection = _database.Open();
        using var statements = new PreparedStatements(connection);
        var batch = new List<Pending>(MaxBatch);
        var contexts = new List<Committed?>(MaxBatch);
        var results = new List<object?>(MaxBatch);
        while (await _channel.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            contexts.Clear();
            results.Clear();
            while (batch.Count < MaxBatch && _channel.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (TryCommit(connection, statements, batch, contexts, results, out var failure))
            {
                Complete(batch, contexts, results);
                continue;
            }

            if (batch.Count == 1)
            {
                RolledBack(batch, failure);
                continue;
            }

            // One bad command must not fail the others that happened to share its group (a config version the store
            // refuses, beside a villager's ticket): memory goes back to disk, then each command runs alone, so only
            // the one that fails again is answered with a failure.
            LogGroupFailed(batch.Count, failure);
            NotifyParticipants(batch, failure);
            foreach (var pending in batch)
            {
                List<Pending> alone = [pending];
                if (TryCommit(connection, statements, alone, contexts, results, out var own))
                {
                    Complete(alone, contexts, results);
                }
                else
                {
                    RolledBack(alone, own);
                }
            }
        }
    }

    private bool TryCommit(SqliteConnection connection, PreparedStatements statements, List<Pending> group, List<Committed?> contexts, List<object?> results, out Exception failure)
    {
        contexts.Clear();
        results.Clear();
        try
        {
            using var write = _database.BeginWrite(connection);
            foreach (var pending in group)
            {
                var (reply, committed) = Apply(write.Transaction, statements, pending.Command);
                results.Add(reply);
                contexts.Add(committed);
            }

            write.Commit();
            failure = null!;
            return true;
        }
        catch (Exception ex)
        {
            // A failed group changes nothing on disk; the caller decides who is told.
            failure = ex;
            return false;
        }
    }

    private void Complete(List<Pending> group, List<Committed?> contexts, List<object?> results)
    {
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _commandsCommitted, group.Count);

        // Queued on the listeners' lanes before the replies go out (queuing never waits), so that whoever has a
        // reply in hand can wait for the listeners to have seen it (a report, a test); no listener runs here.
        foreach (var committed in contexts)
        {
            if (committed is not null)
            {
                _dispatcher.Dispatch(committed);
            }
        }

        for (var i = 0; i < group.Count; i++)
        {
            group[i].Completion.TrySetResult(results[i]);
        }
    }

    private (object? Reply, Committed? Committed) Apply(SqliteTransaction transaction, PreparedStatements statements, WriteCommand command)
    {
        var now = _time.GetUtcNow();
        if (command.IsLogged && RequestLog.Find(statements, transaction, command.DeviceId!, command.RequestId!) is { } first)
        {
            return (command.ReadLoggedReply(first), null);
        }

        var context = new WriteContext(transaction, statements, now);
        var reply = command.Apply(context);
        if (reply is not null && command.IsLogged)
        {
            RequestLog.Record(statements, transaction, command.DeviceId!, command.RequestId!, command.Name, HallJson.SerializeToString(reply), now);
        }

        return (reply, context.Events.Count > 0 || context.Publications.Count > 0
            ? new Committed(command.Name, [.. context.Events], [.. context.Publications])
            : null);
    }

    private void RolledBack(List<Pending> batch, Exception ex)
    {
        LogRolledBack(batch.Count, ex);
        NotifyParticipants(batch, ex);

        foreach (var pending in batch)
        {
            pending.Completion.TrySetException(new StoreUnavailableException("盒子暂时无法保存,本次请求未生效,请重试", ex));
        }
    }

    private static void NotifyParticipants(List<Pending> batch, Exception ex)
    {
        // Memory must never run ahead of disk: each service that applied part of the group reloads once.
        foreach (var participant in batch.Select(p => p.Command.Participant).OfType<IWriteParticipant>().Distinct())
        {
            participant.RolledBack(ex);
        }
    }

    [LoggerMessage(3, LogLevel.Information, "A write group of {Count} commands failed; each now runs alone, so that only the failing one is refused")]
    private partial void LogGroupFailed(int count, Exception exception);

    [LoggerMessage(1, LogLevel.Warning, "A write group of {Count} commands failed and was rolled back; their callers were told nothing changed")]
    private partial void LogRolledBack(int count, Exception exception);

    [LoggerMessage(2, LogLevel.Critical, "The command writer stopped: the box cannot store anything and stops now (systemd starts it again)")]
    private partial void LogDied(Exception exception);

    private sealed record Pending(WriteCommand Command, TaskCompletionSource<object?> Completion);
}
