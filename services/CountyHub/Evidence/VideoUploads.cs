using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Hall.Contract;
using Hall.Contract.Evidence;
using Hall.Contract.Downlink;
using Hall.CountyHub.Downlink;
using Hall.CountyHub.Ingest;
using Hall.CountyHub.Storage;
using Microsoft.Extensions.Options;
using static Hall.CountyHub.Storage.DbParameters;

namespace Hall.CountyHub.Evidence;

/// <summary>
/// The hub's side of the resumable upload (docs/sync.md#uploads): rows in <c>video_requests</c>, bytes in
/// <c>{DataDirectory}/evidence/{box}/{request}.part</c>, renamed to <c>.video</c> when the whole file's SHA-256 matched.
/// A chunk is written and fsynced before its offset is stored, and the offset is stored before it is answered, so an
/// acknowledged byte survives a power cut; bytes past the stored offset (a write whose row did not commit) are cut
/// back on the next chunk. Uploads of one request are taken one at a time.
/// </summary>
public sealed class VideoUploads
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private readonly HubDatabase _database;
    private readonly HubOptions _options;
    private readonly EvidenceOptions _limits;
    private readonly TimeProvider _time;
    private readonly BoxLocks _locks;

    public VideoUploads(HubDatabase database, IOptions<HubOptions> options, IOptions<EvidenceOptions> limits, TimeProvider time, BoxLocks locks)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        _database = database;
        _options = options.Value;
        _limits = limits.Value;
        _time = time;
        _locks = locks;
    }

    public int MaxChunkBytes => _limits.MaxChunkBytes;

    /// <summary>The full path of a stored video, from its path relative to the data directory.</summary>
    public string FullPath(string relativePath) => Path.Combine(_options.DataDirectory, relativePath);

    public async Task<UploadOutcome> CreateAsync(string boxId, UploadCreate create, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (!UploadRules.IsId(create.RequestId))
        {
            return UploadRefusals.BadRequest("请求编号无效");
        }

        if (!UploadRules.IsSha256(create.Sha256))
        {
            return UploadRefusals.BadRequest("校验值应为 64 位十六进制的 SHA-256");
        }

        if (create.Size <= 0)
        {
            return UploadRefusals.BadRequest("视频大小应大于 0");
        }

        if (create.Size > _limits.MaxVideoBytes)
        {
            return UploadRefusals.TooLarge(_limits.MaxVideoBytes);
        }

        using (await _locks.AcquireAsync("upload:" + create.RequestId, LockTimeout, ct))
        {
            var row = await FindAsync(boxId, create.RequestId, ct);
            if (row is null || !string.Equals(row.InspectionId, create.InspectionId, StringComparison.Ordinal))
            {
                return UploadRefusals.UnknownRequest();
            }

            if (row.State == "received" || UploadRules.SameFile(row.Size ?? -1, row.Sha256, create.Size, create.Sha256))
            {
                return UploadOutcome.Ok(row.ToState());
            }

            // A new file (or the first create): what was held of another is dropped and the upload begins at 0.
            var part = PartPath(boxId, create.RequestId);
            Directory.CreateDirectory(Path.GetDirectoryName(part)!);
            File.Delete(part);
            await UpdateAsync(
                "UPDATE video_requests SET state = 'uploading', size = @size, sha256 = @sha, received = 0, updated_at = @now WHERE request_id = @id",
                ct,
                ("@size", create.Size),
                ("@sha", create.Sha256.ToLowerInvariant()),
                ("@id", create.RequestId));
            return UploadOutcome.Ok(new UploadState(create.RequestId, 0, create.Size, "receiving"));
        }
    }

    public async Task<UploadOutcome> StatusAsync(string boxId, string requestId, CancellationToken ct)
    {
        var row = UploadRules.IsId(requestId) ? await FindAsync(boxId, requestId, ct) : null;
        return row?.Size is null ? UploadRefusals.UnknownRequest() : UploadOutcome.Ok(row.ToState());
    }

    public async Task<UploadOutcome> AppendAsync(string boxId, string requestId, long offset, ReadOnlyMemory<byte> chunk, CancellationToken ct)
    {
        if (!UploadRules.IsId(requestId))
        {
            return UploadRefusals.UnknownRequest();
        }

        using (await _locks.AcquireAsync("upload:" + requestId, LockTimeout, ct))
        {
            var row = await FindAsync(boxId, requestId, ct);
            if (row?.Size is not { } size)
            {
                return UploadRefusals.UnknownRequest();
            }

            var decision = UploadRules.Chunk(row.State == "received", row.Received, size, offset, chunk.Length, _limits.MaxChunkBytes);
            switch (decision.Action)
            {
                case ChunkAction.Complete:
                case ChunkAction.AlreadyHeld:
                    return UploadOutcome.Ok(row.ToState());
                case ChunkAction.TooLarge:
                    return UploadRefusals.TooLarge(_limits.MaxChunkBytes);
                case ChunkAction.BeyondOffset:
                    return UploadRefusals.BadOffset(row.Received);
                case ChunkAction.BeyondEnd:
                    return UploadRefusals.BeyondEnd(size);
            }

            var part = PartPath(boxId, requestId);
            Directory.CreateDirectory(Path.GetDirectoryName(part)!);
            var created = !File.Exists(part);
            await using (var file = new FileStream(part, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                // Bytes past the stored offset were written by a chunk whose row never committed: not acknowledged, cut.
                file.SetLength(row.Received);
                file.Position = row.Received;
                await file.WriteAsync(chunk[(int)decision.Skip..], ct);
                file.Flush(flushToDisk: true);
            }

            if (created)
            {
                DurableFiles.FlushDirectory(Path.GetDirectoryName(part)!);
            }

            var received = offset + chunk.Length;
            await UpdateAsync("UPDATE video_requests SET received = @received, updated_at = @now WHERE request_id = @id", ct, ("@received", received), ("@id", requestId));
            return UploadOutcome.Ok(new UploadState(requestId, received, size, "receiving"));
        }
    }

    public async Task<UploadOutcome> FinishAsync(string boxId, string requestId, CancellationToken ct)
    {
        if (!UploadRules.IsId(requestId))
        {
            return UploadRefusals.UnknownRequest();
        }

        using (await _locks.AcquireAsync("upload:" + requestId, LockTimeout, ct))
        {
            var row = await FindAsync(boxId, requestId, ct);
            if (row?.Size is not { } size)
            {
                return UploadRefusals.UnknownRequest();
            }

            var part = PartPath(boxId, requestId);
            var actual = row.State != "received" && row.Received >= size ? await HashAsync(part, size, ct) : string.Empty;
            switch (UploadRules.Finish(row.State == "received", row.Received, size, row.Sha256!, actual))
            {
                case FinishAction.AlreadyComplete:
                    return UploadOutcome.Ok(row.ToState());
                case FinishAction.Incomplete:
                    return UploadRefusals.Incomplete(row.Received);
                case FinishAction.Discard:
                    File.Delete(part);
                    await UpdateAsync("UPDATE video_requests SET received = 0, discarded = discarded + 1, updated_at = @now WHERE request_id = @id", ct, ("@id", requestId));
                    return UploadRefusals.HashMismatch();
            }

            var relative = Path.Combine("evidence", boxId, requestId + ".video");
            var final = Path.Combine(_options.DataDirectory, relative);
            File.Move(part, final, overwrite: true);
            DurableFiles.FlushDirectory(Path.GetDirectoryName(final)!);
            await UpdateAsync(
                "UPDATE video_requests SET state = 'received', path = @path, completed_at = @now, updated_at = @now WHERE request_id = @id",
                ct,
                ("@path", relative),
                ("@id", requestId));
            return UploadOutcome.Ok(new UploadState(requestId, size, size, "complete"));
        }
    }

    /// <summary>Takes the nonce of an upload request when it is above the last of the box's uploads channel; else the last one.</summary>
    public async Task<long?> TakeNonceAsync(string boxId, long nonce, CancellationToken ct)
    {
        await using var connection = await _database.OpenAsync(ct);
        await using var tx = await HubDatabase.BeginWriteAsync(connection, ct);
        await using var s = new Statements(connection, tx, _database.Dialect);
        var (taken, last) = await ChannelNonces.TryAdvanceAsync(s, boxId, SyncChannels.Uploads, nonce, ct);
        await tx.CommitAsync(ct);
        return taken ? null : last;
    }

    private string PartPath(string boxId, string requestId) => Path.Combine(_options.DataDirectory, "evidence", boxId, requestId + ".part");

    private static async Task<string> HashAsync(string path, long size, CancellationToken ct)
    {
        if (!File.Exists(path) || new FileInfo(path).Length != size)
        {
            return string.Empty;
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
    }

    private async Task<VideoRequestRow?> FindAsync(string boxId, string requestId, CancellationToken ct)
    {
        await using var connection = await _database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT request_id, inspection_id, state, size, sha256, received FROM video_requests WHERE request_id = @id AND box_id = @box";
        Add(command, "@id", requestId);
        Add(command, "@box", boxId);
        await using var r = await command.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new VideoRequestRow(
                r.GetString(0),
                r.GetString(1),
                r.GetString(2),
                r.IsDBNull(3) ? null : Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture),
                r.IsDBNull(4) ? null : r.GetString(4),
                Convert.ToInt64(r.GetValue(5), CultureInfo.InvariantCulture))
            : null;
    }

    private async Task UpdateAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await _database.OpenAsync(ct);
        await using var tx = await HubDatabase.BeginWriteAsync(connection, ct);
        await using var s = new Statements(connection, tx, _database.Dialect);
        await s.ExecuteAsync(sql, ct, [.. parameters, ("@now", _database.Dialect.TimeValue(_time.GetUtcNow()))]);
        await tx.CommitAsync(ct);
    }

    private sealed record VideoRequestRow(string RequestId, string InspectionId, string State, long? Size, string? Sha256, long Received)
    {
        public UploadState ToState() => State == "received"
            ? new UploadState(RequestId, Size ?? 0, Size ?? 0, "complete")
            : new UploadState(RequestId, Received, Size ?? 0, "receiving");
    }
}
