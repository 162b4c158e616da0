using System.Net;
using Hall.Contract;
using Hall.Contract.Identity;
using Hall.Contract.Uplink;
using Hall.Store;
using Hall.Store.Alerts;
using Hall.Store.Uplink;
using Hall.Store.Writer;
using Hall.Sync.Link;
using Hall.Sync.Wire;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Sync;

/// <summary>
/// The uplink (docs/sync.md#the-boxs-loop): reads the outbox after the acknowledged position, one epoch at a time,
/// sends it in signed, compressed batches, and moves the position only from the hub's answer. It never holds up the
/// hall: it reads on its own connection and writes its position through the one command writer.
/// </summary>
public sealed partial class UplinkWorker : BackgroundService
{
    private const int ReplayRetries = 3;
    private static readonly TimeSpan BacklogRefresh = TimeSpan.FromSeconds(15);

    private readonly HallDatabase _database;
    private readonly CommandWriter _writer;
    private readonly BoxKey _key;
    private readonly SyncOptions _options;
    private readonly UplinkIdentity _identity;
    private readonly UplinkStatus _status;
    private readonly AlertBoard _alerts;
    private readonly HallClock _clock;
    private readonly TimeProvider _time;
    private readonly ILogger<UplinkWorker> _logger;
    private readonly LinkShare _link;
    private bool _refusedAlert;

    public UplinkWorker(HallDatabase database, CommandWriter writer, BoxKey key, IOptions<SyncOptions> options, UplinkIdentity identity, UplinkStatus status, AlertBoard alerts, HallClock clock, TimeProvider time, ILogger<UplinkWorker> logger, LinkShare link)
    {
        _link = link;
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _writer = writer;
        _key = key;
        _options = options.Value;
        _identity = identity;
        _status = status;
        _alerts = alerts;
        _clock = clock;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var connection = _database.Open();
        var position = OutboxFeed.AckedSeq(connection);
        var lastSuccess = OutboxFeed.LastSuccess(connection);
        var (backlog, backlogBytes) = OutboxFeed.Backlog(connection);
        _status.Update(s => s with { Hub = _options.HubUrl, AckedSeq = position, LastSuccessAt = lastSuccess, BacklogEvents = backlog, BacklogBytes = backlogBytes });
        if (!_options.Enabled)
        {
            _status.Update(s => s with { State = LinkState.Off });
            LogOff();
            return;
        }

        using var client = new UplinkClient(_options, _identity.BoxId, _key, _time, _link);
        var sizer = new BatchSizer(_options.MinBatchEvents, _options.MaxBatchEvents);
        var backoff = new Backoff(_options.MinBackoff, _options.MaxBackoff, new Random());
        var clock = new ClockWatch(_time, _options.ClockJump);
        var clockEpoch = Outbox.Epoch(connection);
        long nonce = 0;
        var replays = 0;
        var backlogAt = _time.GetTimestamp();
        LogStarted(_options.HubUrl!, position);

        while (!stoppingToken.IsCancellationRequested)
        {
            if (clock.Jumped(out var jump))
            {
                clockEpoch = await BeginEpochAsync(jump, stoppingToken).ConfigureAwait(false) ?? clockEpoch;
            }

            // What waits is a subtraction; its bytes are a read of every waiting row: now and then, not for every batch.
            var waiting = OutboxFeed.CountAfter(connection, position);
            if (_time.GetElapsedTime(backlogAt) > BacklogRefresh)
            {
                backlogBytes = OutboxFeed.Backlog(connection).Bytes;
                backlogAt = _time.GetTimestamp();
            }

            _status.Update(s => s with { BacklogEvents = waiting, BacklogBytes = waiting == 0 ? 0 : backlogBytes });

            var batch = OutboxFeed.Next(connection, position, sizer.Size, _options.MaxBatchKiB * 1024L);
            if (batch is null)
            {
                await Task.Delay(_options.Interval, _time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            var now = _time.GetUtcNow();
            nonce = HybridTime.Merge(nonce, OutboxFeed.LastHlc(connection), now);
            var after = OutboxFeed.CountAfter(connection, batch.Last);
            var body = BatchEncoder.Encode(new BatchHeader(_identity.BoxId, _identity.HallName, _identity.TimeZone, clockEpoch, now, nonce, after), batch);
            var sentAt = _time.GetTimestamp();
            var result = await client.SendAsync(body, nonce, stoppingToken).ConfigureAwait(false);
            var roundTrip = _time.GetElapsedTime(sentAt);
            _status.Update(s => s with { BytesSent = client.BytesSent });

            if (result.Answer is { } answer)
            {
                var acked = Acknowledgement.Position(batch, answer.Mark);
                nonce = Math.Max(nonce, answer.Hlc);
                await AcknowledgeAsync(acked, nonce, stoppingToken).ConfigureAwait(false);
                var moved = Math.Max(0, acked - position);
                position = acked;
                sizer.Succeeded();
                backoff.Reset();
                replays = 0;
                var offset = answer.HubTime - (now + (roundTrip / 2));
                var at = _time.GetUtcNow();
                _status.Update(s => s with
                {
                    State = LinkState.Up,
                    LastSuccessAt = at,
                    AckedSeq = acked,
                    BatchEvents = sizer.Size,
                    BatchesAcknowledged = s.BatchesAcknowledged + 1,
                    EventsAcknowledged = s.EventsAcknowledged + moved,
                    HubClockOffset = offset,
                });
                await RefusedAsync(null, stoppingToken).ConfigureAwait(false);
                continue;
            }

            var code = result.Refusal?.Error.Code;
            switch (code)
            {
                case UplinkErrorCodes.Gap when result.Refusal!.Mark is { } mark:
                    // The hub has less than the box thought: send again from its mark.
                    position = Acknowledgement.Position(batch, mark);
                    await AcknowledgeAsync(position, nonce, stoppingToken).ConfigureAwait(false);
                    LogGap(batch.Epoch, mark);
                    continue;
                case UplinkErrorCodes.Replayed when replays++ < ReplayRetries:
                    // The hub has seen a higher nonce (a box restored from a backup): go past it and send again.
                    nonce = Math.Max(nonce, result.Refusal!.LastNonce ?? nonce);
                    continue;
                case UplinkErrorCodes.TooLarge when sizer.Size > _options.MinBatchEvents:
                    sizer.Failed();
                    continue;
            }

            sizer.Failed();
            var wait = backoff.Next();
            var failedAt = _time.GetUtcNow();
            if (result.Refusal is { } refusal && result.Status is not null && (int)result.Status < 500)
            {
                _status.Update(s => s with { State = LinkState.Refused, LastErrorCode = refusal.Error.Code, LastErrorMessage = refusal.Error.Message, LastErrorAt = failedAt, BatchesFailed = s.BatchesFailed + 1, BatchEvents = sizer.Size });
                await RefusedAsync(refusal.Error.Message, stoppingToken).ConfigureAwait(false);
                if (code == UplinkErrorCodes.BadBatch)
                {
                    LogBadBatch(batch.Epoch, batch.First, batch.Last, refusal.Error.Message);
                }
                else
                {
                    LogRefused((int)result.Status, refusal.Error.Code, refusal.Error.Message, wait);
                }
            }
            else
            {
                var message = result.Refusal?.Error.Message ?? result.Failure ?? "未知错误";
                var errorCode = result.Refusal?.Error.Code ?? "sync-link-down";
                _status.Update(s => s with { State = LinkState.Down, LastErrorCode = errorCode, LastErrorMessage = message, LastErrorAt = failedAt, BatchesFailed = s.BatchesFailed + 1, BatchEvents = sizer.Size });
                LogDown(message, backoff.Failures, wait);
            }

            await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Raises the uplink-refused alert when the hub starts refusing the box, clears it when a batch goes through again.</summary>
    private async Task RefusedAsync(string? message, CancellationToken cancellationToken)
    {
        var refused = message is not null;
        if (refused == _refusedAlert)
        {
            return;
        }

        try
        {
            await _alerts.RaiseAsync(
                new AlertMessage
                {
                    Ts = _clock.Now(),
                    Type = AlertTypes.UplinkRefused,
                    Active = refused,
                    Message = refused ? $"县级中心拒绝接收本厅的记录:{message}。记录都保存在本机,不会丢失;请联系县级中心处理" : "县级中心已恢复接收本厅的记录",
                },
                cancellationToken).ConfigureAwait(false);
            _refusedAlert = refused;
        }
        catch (StoreUnavailableException ex)
        {
            // Raised again at the next refusal or cleared at the next success.
            LogAckNotStored(ex);
        }
    }

    private async Task AcknowledgeAsync(long position, long hlcSeen, CancellationToken cancellationToken)
    {
        try
        {
            await _writer.SubmitAsync(
                new DelegateCommand("uplink-ack", context =>
                {
                    OutboxFeed.Acknowledge(context.Transaction, position, hlcSeen, context.Now);
                    return null;
                }),
                cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            // The position stays in memory; after a restart the hub's answer gives it back (a resent batch is harmless).
            LogAckNotStored(ex);
        }
    }

    private async Task<string?> BeginEpochAsync(TimeSpan jump, CancellationToken cancellationToken)
    {
        try
        {
            var epoch = (string?)await _writer.SubmitAsync(
                new DelegateCommand("uplink-epoch", context => Epochs.Begin(context.Transaction, context.Now, "clock-jump")),
                cancellationToken).ConfigureAwait(false);
            LogClockJumped(jump, epoch!);
            return epoch;
        }
        catch (StoreUnavailableException ex)
        {
            LogAckNotStored(ex);
            return null;
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Uplink off: Sync:HubUrl is empty; events stay in the outbox")]
    private partial void LogOff();

    [LoggerMessage(2, LogLevel.Information, "Uplink to {Hub} from outbox position {Position}")]
    private partial void LogStarted(string hub, long position);

    [LoggerMessage(3, LogLevel.Information, "Hub's mark for epoch {Epoch} is {Mark}: sending again from there")]
    private partial void LogGap(string epoch, long mark);

    [LoggerMessage(4, LogLevel.Warning, "Hub refused the box ({Status} {Code}: {Message}); trying again in {Wait}")]
    private partial void LogRefused(int status, string code, string message, TimeSpan wait);

    [LoggerMessage(5, LogLevel.Error, "Hub refused batch {Epoch} {First}–{Last} as unreadable: {Message}")]
    private partial void LogBadBatch(string epoch, long first, long last, string message);

    [LoggerMessage(6, LogLevel.Information, "Uplink down ({Message}), failure {Failures}; trying again in {Wait}")]
    private partial void LogDown(string message, int failures, TimeSpan wait);

    [LoggerMessage(7, LogLevel.Warning, "Uplink position not stored; kept in memory")]
    private partial void LogAckNotStored(Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "Wall clock jumped by {Jump}; outbox epoch {Epoch} begun so the hub measures the new clock apart")]
    private partial void LogClockJumped(TimeSpan jump, string epoch);
}
