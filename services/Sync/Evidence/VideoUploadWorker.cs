using System.Globalization;
using Hall.Contract;
using Hall.Contract.Evidence;
using Hall.Contract.Identity;
using Hall.Store;
using Hall.Store.Writer;
using Hall.Sync.Link;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Sync.Evidence;

/// <summary>
/// Uploads the videos the county asked for, one at a time, oldest request first (docs/sync.md#uploads): asks the hub
/// where the upload stands, sends the rest in chunks of <c>Sync:UploadChunkKiB</c> under the shared cap and after the
/// hall's events, and finishes; after any cut it backs off and asks the offset again. Its rows survive a restart. A
/// video the box no longer keeps is answered upward (<c>VideoGone</c>). It never holds the uplink up: it has its own
/// connection, and its bytes wait while events go.
/// </summary>
public sealed partial class VideoUploadWorker : BackgroundService
{
    private const int MaxDiscards = 3;

    private readonly HallDatabase _database;
    private readonly CommandWriter _writer;
    private readonly BoxKey _key;
    private readonly SyncOptions _options;
    private readonly UplinkIdentity _identity;
    private readonly LinkShare _link;
    private readonly IRequestedVideos? _videos;
    private readonly HallClock _clock;
    private readonly TimeProvider _time;
    private readonly ILogger<VideoUploadWorker> _logger;

    public VideoUploadWorker(HallDatabase database, CommandWriter writer, BoxKey key, IOptions<SyncOptions> options, UplinkIdentity identity, LinkShare link, IEnumerable<IRequestedVideos> videos, HallClock clock, TimeProvider time, ILogger<VideoUploadWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(videos);
        _database = database;
        _writer = writer;
        _key = key;
        _options = options.Value;
        _identity = identity;
        _link = link;
        _videos = videos.FirstOrDefault();
        _clock = clock;
        _time = time;
        _logger = logger;
    }

    private enum Outcome
    {
        Sent,
        Gone,
        Refused,
        Failed,
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        using var client = new UploadClient(_options, _identity.BoxId, _key, _link, _time);
        var backoff = new Link.Backoff(_options.MinBackoff, _options.MaxBackoff, new Random());
        using var connection = _database.Open();
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = Next(connection);
            if (next is not { } request)
            {
                await Task.Delay(_options.Interval, _time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            var (outcome, why) = await UploadAsync(client, request.RequestId, request.InspectionId, request.Discards, stoppingToken).ConfigureAwait(false);
            if (outcome == Outcome.Failed)
            {
                var wait = backoff.Next();
                LogFailed(request.RequestId, why ?? string.Empty, wait);
                await SetAsync(request.RequestId, null, why, null, stoppingToken).ConfigureAwait(false);
                await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            backoff.Reset();
        }
    }

    private async Task<(Outcome, string?)> UploadAsync(UploadClient client, string requestId, string inspectionId, int discards, CancellationToken ct)
    {
        var video = _videos?.Find(inspectionId);
        if (video is null || !File.Exists(video.Path))
        {
            await SetAsync(requestId, "gone", "视频已过保留期删除,无法上传", EvidenceEvents.VideoGone, ct).ConfigureAwait(false);
            LogGone(requestId, inspectionId);
            return (Outcome.Gone, null);
        }

        var created = await client.CreateAsync(new UploadCreate(requestId, inspectionId, video.Size, video.Sha256), ct).ConfigureAwait(false);
        if (created.State is not { } state)
        {
            return await RefusedAsync(requestId, created, ct).ConfigureAwait(false);
        }

        if (state.State != "complete")
        {
            await SetAsync(requestId, "uploading", null, null, ct, size: video.Size, sent: state.Offset).ConfigureAwait(false);
            var offset = state.Offset;
            var buffer = new byte[_options.UploadChunkKiB * 1024];
            using var file = File.OpenHandle(video.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            while (offset < video.Size)
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, video.Size - offset)), offset);
                if (read <= 0)
                {
                    return (Outcome.Failed, "视频文件比登记的短");
                }

                var appended = await client.AppendAsync(requestId, offset, buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                if (appended.State is { } moved)
                {
                    offset = moved.Offset;
                    if (moved.State == "complete")
                    {
                        break;
                    }

                    await SetAsync(requestId, null, null, null, ct, sent: offset).ConfigureAwait(false);
                }
                else if (appended.Code == UploadErrorCodes.BadOffset && appended.Refusal!.Offset is { } held)
                {
                    // The hub holds less (or more) than the box thought: go on from the hub's offset.
                    offset = held;
                }
                else
                {
                    return await RefusedAsync(requestId, appended, ct).ConfigureAwait(false);
                }
            }

            var finished = await client.FinishAsync(requestId, ct).ConfigureAwait(false);
            if (finished.State is null)
            {
                if (finished.Code == UploadErrorCodes.HashMismatch)
                {
                    LogDiscarded(requestId, discards + 1);
                    if (discards + 1 >= MaxDiscards)
                    {
                        await SetAsync(requestId, "refused", "县级中心多次核对校验值不符,本机视频可能已损坏", null, ct, discarded: true).ConfigureAwait(false);
                        return (Outcome.Refused, null);
                    }

                    await SetAsync(requestId, null, finished.Refusal!.Error.Message, null, ct, discarded: true, sent: 0).ConfigureAwait(false);
                    return (Outcome.Failed, finished.Refusal.Error.Message);
                }

                return await RefusedAsync(requestId, finished, ct).ConfigureAwait(false);
            }
        }

        await SetAsync(requestId, "sent", null, null, ct, sent: video.Size).ConfigureAwait(false);
        LogSent(requestId, inspectionId, video.Size);
        return (Outcome.Sent, null);
    }

    private async Task<(Outcome, string?)> RefusedAsync(string requestId, UploadResult result, CancellationToken ct)
    {
        if (result.Code == UploadErrorCodes.UnknownRequest)
        {
            // The hub has no such request for this box: nothing to send, ever.
            await SetAsync(requestId, "refused", result.Refusal!.Error.Message, null, ct).ConfigureAwait(false);
            return (Outcome.Refused, null);
        }

        return (Outcome.Failed, result.Refusal?.Error.Message ?? result.Failure ?? "未知错误");
    }

    private static (string RequestId, string InspectionId, int Discards)? Next(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT request_id, inspection_id, discards FROM evidence_uploads WHERE state IN ('pending', 'uploading') ORDER BY created_at, request_id LIMIT 1";
        using var r = command.ExecuteReader();
        return r.Read() ? (r.GetString(0), r.GetString(1), r.GetInt32(2)) : null;
    }

    private async Task SetAsync(string requestId, string? state, string? error, string? eventType, CancellationToken ct, long? size = null, long? sent = null, bool discarded = false)
    {
        var now = _clock.Now();
        try
        {
            await _writer.SubmitAsync(
                new DelegateCommand("video-upload", context =>
                {
                    using var update = context.Connection.CreateCommand();
                    update.Transaction = context.Transaction;
                    update.CommandText = """
                        UPDATE evidence_uploads SET state = COALESCE($state, state), error = $error, size = COALESCE($size, size),
                            sent_bytes = COALESCE($sent, sent_bytes), discards = discards + $discarded, updated_at = $now,
                            sent_at = CASE WHEN $state = 'sent' THEN $now ELSE sent_at END
                        WHERE request_id = $id
                        """;
                    update.Parameters.AddWithValue("$state", (object?)state ?? DBNull.Value);
                    update.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
                    update.Parameters.AddWithValue("$size", (object?)size ?? DBNull.Value);
                    update.Parameters.AddWithValue("$sent", (object?)sent ?? DBNull.Value);
                    update.Parameters.AddWithValue("$discarded", discarded ? 1 : 0);
                    update.Parameters.AddWithValue("$now", now.ToString("O", CultureInfo.InvariantCulture));
                    update.Parameters.AddWithValue("$id", requestId);
                    update.ExecuteNonQuery();
                    if (eventType is not null)
                    {
                        context.Record(eventType, new { requestId, reason = error, ts = now }, now);
                    }

                    return null;
                }),
                ct).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            // Only the console's view of the upload: the hub holds the offset, the next turn writes the row again.
            LogNotStored(ex);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Video of inspection {InspectionId} sent whole to the county hub (request {RequestId}, {Size} bytes)")]
    private partial void LogSent(string requestId, string inspectionId, long size);

    [LoggerMessage(2, LogLevel.Information, "Video upload {RequestId} interrupted ({Why}); asking the hub's offset again in {Wait}")]
    private partial void LogFailed(string requestId, string why, TimeSpan wait);

    [LoggerMessage(3, LogLevel.Warning, "Video of inspection {InspectionId} is no longer kept; request {RequestId} answered as gone")]
    private partial void LogGone(string requestId, string inspectionId);

    [LoggerMessage(4, LogLevel.Warning, "Hub discarded video upload {RequestId}: SHA-256 mismatch ({Count} times)")]
    private partial void LogDiscarded(string requestId, int count);

    [LoggerMessage(5, LogLevel.Warning, "Video upload state not stored; written again on the next turn")]
    private partial void LogNotStored(Exception exception);
}
