using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Hall.Contract.Uplink;
using Hall.CountyHub.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.CountyHub.Ingest;

/// <summary>
/// Takes one uplink request (docs/sync.md): authenticate (before decompressing), read, then in one transaction per batch
/// the nonce, the box's skew for its clock epoch, the events above the mark with their facts, and the new mark.
/// Nothing of a refused batch is kept. Batches of one box are stored one at a time (<see cref="BoxLocks"/>).
/// </summary>
public sealed class BatchIngest
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private readonly HubDatabase _database;
    private readonly HubOptions _options;
    private readonly TimeProvider _time;
    private readonly HubClock _clock;
    private readonly BoxLocks _locks;
    private readonly IngestCounters _counters;
    private readonly BoxAuthenticator _authenticator = new();
    private readonly FactWriter _facts = new();
    private readonly ConcurrentDictionary<string, TimeZoneInfo?> _zones = new(StringComparer.Ordinal);
    private readonly ILogger<BatchIngest> _logger;

    public BatchIngest(HubDatabase database, IOptions<HubOptions> options, TimeProvider time, HubClock clock, BoxLocks locks, IngestCounters counters, ILogger<BatchIngest> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _options = options.Value;
        _time = time;
        _clock = clock;
        _locks = locks;
        _counters = counters;
        _logger = logger;
    }

    public async Task<IngestOutcome> IngestAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await TakeAsync(request, cancellationToken);
        _counters.Batch(outcome.Result);
        if (outcome.Refusal is { } refusal && outcome.Status != 503)
        {
            Log.Refused(_logger, BoxIds.IsValid(request.BoxId) ? request.BoxId : "(invalid id)", refusal.Error.Code, outcome.Status);
        }

        return outcome;
    }

    private async Task<IngestOutcome> TakeAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        var receivedAt = _time.GetUtcNow();
        if (!BoxIds.IsValid(request.BoxId))
        {
            return Refusals.UnknownBox();
        }

        if (request.Body.Length > _options.MaxBatchBytes)
        {
            return Refusals.TooLarge();
        }

        BoxRecord? box;
        try
        {
            box = await new BoxDirectory(_database, _time).FindAsync(request.BoxId, cancellationToken);
        }
        catch (DbException ex)
        {
            Log.DatabaseFailed(_logger, request.BoxId, ex);
            return Refusals.Unavailable();
        }

        if (_authenticator.Check(box, request, out var nonce) is { } refused)
        {
            return refused;
        }

        if (nonce <= box!.LastNonce)
        {
            return Refusals.Replayed(box.LastNonce, receivedAt);
        }

        var unreadable = new BatchReader(_options.MaxDecompressedBytes, _options.MaxBatchEvents).Read(request.Body, out var batch, out var document);
        using var parsed = document;
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (!string.Equals(batch!.BoxId, box.BoxId, StringComparison.Ordinal))
        {
            return Refusals.WrongBox();
        }

        try
        {
            using (await _locks.AcquireAsync(box.BoxId, LockTimeout, cancellationToken))
            {
                return await StoreAsync(box, batch, nonce, receivedAt, cancellationToken);
            }
        }
        catch (DbException ex)
        {
            Log.DatabaseFailed(_logger, box.BoxId, ex);
            return Refusals.Unavailable();
        }
        catch (TimeoutException ex)
        {
            Log.DatabaseFailed(_logger, box.BoxId, ex);
            return Refusals.Unavailable();
        }
    }

    private async Task<IngestOutcome> StoreAsync(BoxRecord verified, UplinkBatch batch, long nonce, DateTimeOffset receivedAt, CancellationToken ct)
    {
        var d = _database.Dialect;
        await using var connection = await _database.OpenAsync(ct);
        await using var tx = await HubDatabase.BeginWriteAsync(connection, ct);
        await using var s = new Statements(connection, tx, d);

        // Held until the commit: another hub process on the same PostgreSQL waits here (SQLite: the write lock is held).
        var box = await BoxDirectory.FindAsync(s, verified.BoxId, ct, forUpdate: true);
        if (box is null)
        {
            return Refusals.UnknownBox();
        }

        if (box.RevokedAt is not null)
        {
            return Refusals.Revoked();
        }

        if (!string.Equals(box.PublicKey, verified.PublicKey, StringComparison.Ordinal))
        {
            // The key was replaced while this request was checked against the old one.
            return Refusals.BadSignature();
        }

        var now = d.TimeValue(receivedAt);
        if (await s.ExecuteAsync("UPDATE boxes SET last_nonce = @nonce WHERE box_id = @box AND last_nonce < @nonce", ct, ("@nonce", nonce), ("@box", box.BoxId)) != 1)
        {
            return Refusals.Replayed(box.LastNonce, receivedAt);
        }

        // The skew of the epoch the box's clock runs in now, measured before the events so a batch of that epoch is corrected by it.
        var skewMs = (long)Math.Round((receivedAt - batch.SentAt).TotalMilliseconds);
        await s.ExecuteAsync("""
            INSERT INTO box_epochs(box_id, epoch, skew_ms, skew_measured_at, first_seen_at, lost) VALUES (@box, @epoch, @skew, @now, @now, 0)
            ON CONFLICT(box_id, epoch) DO UPDATE SET skew_ms = excluded.skew_ms, skew_measured_at = excluded.skew_measured_at
            """, ct, ("@box", box.BoxId), ("@epoch", batch.ClockEpoch), ("@skew", skewMs), ("@now", now));
        await s.ExecuteAsync("""
            INSERT INTO box_epochs(box_id, epoch, epoch_start, mark, first_seen_at, lost) VALUES (@box, @epoch, @start, @mark, @now, 0)
            ON CONFLICT(box_id, epoch) DO UPDATE SET epoch_start = COALESCE(box_epochs.epoch_start, excluded.epoch_start), mark = COALESCE(box_epochs.mark, excluded.mark)
            """, ct, ("@box", box.BoxId), ("@epoch", batch.Epoch), ("@start", batch.EpochStart), ("@mark", batch.EpochStart - 1), ("@now", now));
        long mark = 0;
        long? epochSkew = null;
        await s.QueryAsync(
            "SELECT mark, skew_ms FROM box_epochs WHERE box_id = @box AND epoch = @epoch",
            r =>
            {
                mark = Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture);
                epochSkew = r.IsDBNull(1) ? null : Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture);
            },
            ct,
            ("@box", box.BoxId),
            ("@epoch", batch.Epoch));

        long lost = 0;
        if (batch.SkipTo is { } skipTo && skipTo - 1 > mark)
        {
            lost = skipTo - 1 - mark;
            mark = skipTo - 1;
        }

        if (batch.Events[0].Seq > mark + 1)
        {
            return Refusals.Gap(mark);
        }

        var correction = epochSkew is { } ms && Math.Abs(ms) > _options.SkewTolerance.TotalMilliseconds ? TimeSpan.FromMilliseconds(ms) : TimeSpan.Zero;
        var zone = Zone(batch.TimeZone) ?? Zone(box.TimeZone) ?? Zone(_options.DefaultTimeZone)!;
        var duplicates = 0;
        var fresh = 0;
        long dayQuarter = long.MinValue;
        var hallDayText = string.Empty;
        foreach (var e in batch.Events)
        {
            if (e.Seq <= mark)
            {
                duplicates++;
                continue;
            }

            var hallTime = e.At + correction;

            // Every zone's offset is a whole number of quarter hours: one conversion per quarter hour of events.
            var quarter = hallTime.UtcTicks / (TimeSpan.TicksPerMinute * 15);
            if (quarter != dayQuarter)
            {
                dayQuarter = quarter;
                hallDayText = TimeZoneInfo.ConvertTime(hallTime, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            var hallDay = hallDayText;
            await s.AddAsync("""
                INSERT INTO events(box_id, epoch, seq, type, at, hall_time, hall_day, hlc, received_at, data)
                VALUES (@box, @epoch, @seq, @type, @at, @hall, @day, @hlc, @now, @data) ON CONFLICT(box_id, epoch, seq) DO NOTHING
                """, true, ct, ("@box", box.BoxId), ("@epoch", batch.Epoch), ("@seq", e.Seq), ("@type", e.Type), ("@at", d.TimeValue(e.At)),
                ("@hall", d.TimeValue(hallTime)), ("@day", hallDay), ("@hlc", e.Hlc), ("@now", now), ("@data", e.Data.GetRawText()));
            await _facts.WriteAsync(s, new StoredEvent(box.BoxId, batch.Epoch, e, hallTime, hallDay, box.PublicKey), ct);
            fresh++;
        }

        await s.FlushAsync(ct);
        var stored = (int)s.CountedRows;
        duplicates += fresh - stored;
        mark = Math.Max(mark, batch.Events[^1].Seq);
        await s.ExecuteAsync(
            "UPDATE box_epochs SET mark = @mark, lost = lost + @lost, last_batch_at = @now WHERE box_id = @box AND epoch = @epoch",
            ct,
            ("@mark", mark), ("@lost", lost), ("@now", now), ("@box", box.BoxId), ("@epoch", batch.Epoch));
        await s.ExecuteAsync("""
            UPDATE boxes SET last_contact_at = @now, last_batch_at = @now, hall_name = COALESCE(@name, hall_name), time_zone = COALESCE(@zone, time_zone),
                current_epoch = @epoch, last_skew_ms = @skew, backlog = @backlog, lag_ms = @lag WHERE box_id = @box
            """, ct, ("@now", now), ("@name", batch.HallName), ("@zone", Zone(batch.TimeZone) is null ? null : batch.TimeZone), ("@epoch", batch.Epoch),
            ("@skew", skewMs), ("@backlog", batch.Backlog), ("@lag", (long)Math.Round((receivedAt - (batch.Events[^1].At + correction)).TotalMilliseconds)), ("@box", box.BoxId));
        await tx.CommitAsync(ct);

        _counters.Events(stored, duplicates, lost);
        Log.Stored(_logger, box.BoxId, batch.Epoch, stored, duplicates, mark);
        var answeredAt = _time.GetUtcNow();
        return IngestOutcome.Ok(new UplinkAnswer(box.BoxId, batch.Epoch, mark, stored, duplicates, answeredAt, _clock.Next()));
    }

    private TimeZoneInfo? Zone(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null : _zones.GetOrAdd(id, z => TimeZoneInfo.TryFindSystemTimeZoneById(z, out var zone) ? zone : null);
}
