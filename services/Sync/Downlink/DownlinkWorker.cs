using Hall.Contract.Downlink;
using Hall.Contract.Identity;
using Hall.Contract.Uplink;
using Hall.Store;
using Hall.Store.Uplink;
using Hall.Store.Writer;
using Hall.Sync.Link;
using Hall.Sync.Wire;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Sync.Downlink;

/// <summary>
/// The downlink (docs/sync.md, "The downlink"): polls the hub every <c>Sync:DownlinkInterval</c> (and soon after the
/// uplink gets through again after an outage), stores the messages it gets by id before handing each to the
/// <see cref="IDownlinkHandler"/> of its type, and applies the newest configuration version offered. Backs off like the
/// uplink when the hub cannot be reached. It never holds up the hall: it reads on its own connection and writes through
/// the one command writer.
/// </summary>
public sealed partial class DownlinkWorker : BackgroundService
{
    private const int ReplayRetries = 3;
    private static readonly TimeSpan WakeCheck = TimeSpan.FromMilliseconds(250);

    private readonly HallDatabase _database;
    private readonly CommandWriter _writer;
    private readonly BoxKey _key;
    private readonly SyncOptions _options;
    private readonly UplinkIdentity _identity;
    private readonly DownlinkStatus _status;
    private readonly UplinkStatus _uplink;
    private readonly ConfigApplier _applier;
    private readonly Dictionary<string, IDownlinkHandler> _handlers;
    private readonly HashSet<string> _unknownTypesLogged = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger<DownlinkWorker> _logger;

    public DownlinkWorker(
        HallDatabase database,
        CommandWriter writer,
        BoxKey key,
        IOptions<SyncOptions> options,
        UplinkIdentity identity,
        DownlinkStatus status,
        UplinkStatus uplink,
        ConfigApplier applier,
        IEnumerable<IDownlinkHandler> handlers,
        TimeProvider time,
        ILogger<DownlinkWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handlers);
        _database = database;
        _writer = writer;
        _key = key;
        _options = options.Value;
        _identity = identity;
        _status = status;
        _uplink = uplink;
        _applier = applier;
        _time = time;
        _logger = logger;
        _handlers = new Dictionary<string, IDownlinkHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            // Two handlers for one type would each think the message theirs: a composition error, found at start.
            if (!_handlers.TryAdd(handler.Type, handler))
            {
                throw new InvalidOperationException($"Two downlink handlers for message type '{handler.Type}': {_handlers[handler.Type].GetType().Name} and {handler.GetType().Name}.");
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var connection = _database.Open();
        Refresh(connection, s => s);
        if (!_options.Enabled)
        {
            _status.Update(s => s with { State = LinkState.Off });
            return;
        }

        using var client = new DownlinkClient(_options, _identity.BoxId, _key);
        var backoff = new Backoff(_options.MinBackoff, _options.MaxBackoff, new Random());
        long nonce = 0;
        long refusedVersion = 0;
        var replays = 0;
        LogStarted(_options.HubUrl!, _options.DownlinkInterval);

        // Messages stored before a restart whose handler had not finished.
        await HandlePendingAsync(connection, stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            var running = DownlinkStore.ReadRunning(connection)?.Version ?? 0;
            var cursor = DownlinkStore.Cursor(connection);
            nonce = HybridTime.Merge(nonce, OutboxFeed.LastHlc(connection), _time.GetUtcNow());
            var result = await client.PollAsync(running, cursor, nonce, stoppingToken).ConfigureAwait(false);
            if (result.Answer is { } answer)
            {
                nonce = Math.Max(nonce, answer.Hlc);
                backoff.Reset();
                replays = 0;
                if (answer.Messages.Count > 0)
                {
                    await StoreAsync(answer.Messages, stoppingToken).ConfigureAwait(false);
                }

                await HandlePendingAsync(connection, stoppingToken).ConfigureAwait(false);

                // A box offline for several versions is offered only the newest: it never applies the ones between.
                if (answer.Config is { } offer && offer.Version > running && offer.Version != refusedVersion)
                {
                    var outcome = await _applier.ApplyAsync(offer, running, stoppingToken).ConfigureAwait(false);
                    if (outcome.Applied is null && !outcome.Retry)
                    {
                        refusedVersion = offer.Version;
                    }
                }

                var polledAt = _time.GetUtcNow();
                Refresh(connection, s => s with { State = LinkState.Up, LastPollAt = polledAt, LastErrorMessage = null });
                if (answer.More)
                {
                    continue;
                }

                await WaitAsync(_options.DownlinkInterval, null, stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (result.Refusal?.Error.Code == UplinkErrorCodes.Replayed && replays++ < ReplayRetries)
            {
                // The hub took a higher nonce on this channel (a box restored from a backup, a clock set back): go past it.
                nonce = Math.Max(nonce, result.Refusal.LastNonce ?? nonce);
                continue;
            }

            var wait = backoff.Next();
            var message = result.Refusal?.Error.Message ?? result.Failure ?? "未知错误";
            var state = result.Refusal is not null && result.Status is not null && (int)result.Status < 500 ? LinkState.Refused : LinkState.Down;
            _status.Update(s => s with { State = state, LastErrorMessage = message });
            LogDown(message, backoff.Failures, wait);
            var failedAt = _time.GetUtcNow();

            // Soon after the link comes back: the uplink getting a batch through ends the wait early.
            await WaitAsync(wait, () => _uplink.Snapshot is { State: LinkState.Up, LastSuccessAt: { } ok } && ok > failedAt, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task WaitAsync(TimeSpan wait, Func<bool>? wake, CancellationToken cancellationToken)
    {
        if (wake is null)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            return;
        }

        var started = _time.GetTimestamp();
        while (_time.GetElapsedTime(started) < wait && !wake())
        {
            var left = wait - _time.GetElapsedTime(started);
            await Task.Delay(left < WakeCheck ? left : WakeCheck, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StoreAsync(IReadOnlyList<DownlinkMessage> messages, CancellationToken cancellationToken)
    {
        try
        {
            await _writer.SubmitAsync(
                new DelegateCommand("downlink-store", context => DownlinkStore.Store(context.Transaction, messages, context.Now)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            // Not stored, so not acknowledged: the cursor did not move and the hub sends them again.
            LogNotStored(ex);
        }
    }

    /// <summary>Hands every stored, unhandled message to its handler, in cursor order; marks it handled once that succeeded.</summary>
    private async Task HandlePendingAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        foreach (var message in DownlinkStore.Pending(connection))
        {
            string? note = null;
            if (_handlers.TryGetValue(message.Type, out var handler))
            {
                try
                {
                    await handler.HandleAsync(message, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The handler is tried again at the next poll; the message stays stored.
                    LogHandlerFailed(message.Id, message.Type, ex);
                    await MarkAsync(message.Id, failed: ex.Message, note: null, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }
            else
            {
                // A type this box does not know (a newer hub): kept, said once, acknowledged.
                note = "unknown-type";
                if (_unknownTypesLogged.Add(message.Type))
                {
                    LogUnknownType(message.Type, message.Id);
                }
            }

            await MarkAsync(message.Id, failed: null, note, cancellationToken).ConfigureAwait(false);
        }

        _status.Update(s => s with { PendingMessages = DownlinkStore.Pending(connection).Count });
    }

    private async Task MarkAsync(string id, string? failed, string? note, CancellationToken cancellationToken)
    {
        try
        {
            await _writer.SubmitAsync(
                new DelegateCommand("downlink-handled", context =>
                {
                    if (failed is null)
                    {
                        DownlinkStore.Handled(context.Transaction, id, context.Now, note);
                    }
                    else
                    {
                        DownlinkStore.Failed(context.Transaction, id, failed);
                    }

                    return null;
                }),
                cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            // Handlers are idempotent by message id: handled again after the next poll.
            LogNotStored(ex);
        }
    }

    private void Refresh(SqliteConnection connection, Func<DownlinkSnapshot, DownlinkSnapshot> change)
    {
        var running = DownlinkStore.ReadRunning(connection);
        var refusal = DownlinkStore.LastRefusal(connection);
        var cursor = DownlinkStore.Cursor(connection);
        _status.Update(s => change(s with
        {
            RunningVersion = running?.Version ?? 0,
            AppliedAt = running?.AppliedAt,
            Note = running?.Note,
            IssuedAt = running?.IssuedAt,
            RefusedVersion = refusal?.Version,
            RefusedCode = refusal?.Code,
            RefusedMessage = refusal?.Message,
            RefusedAt = refusal?.At,
            Cursor = cursor,
        }));
    }

    [LoggerMessage(1, LogLevel.Information, "Downlink from {Hub}, every {Interval}")]
    private partial void LogStarted(string hub, TimeSpan interval);

    [LoggerMessage(2, LogLevel.Information, "Downlink down ({Message}), failure {Failures}; trying again in {Wait}")]
    private partial void LogDown(string message, int failures, TimeSpan wait);

    [LoggerMessage(3, LogLevel.Warning, "Downlink messages not stored; the hub sends them again")]
    private partial void LogNotStored(Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Downlink message {Id} ({Type}): its handler failed; tried again at the next poll")]
    private partial void LogHandlerFailed(string id, string type, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Downlink message type {Type} is not known to this box (first: {Id}); stored and acknowledged")]
    private partial void LogUnknownType(string type, string id);
}
