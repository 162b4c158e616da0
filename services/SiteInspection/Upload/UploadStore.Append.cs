using System.Buffers;
using System.Security.Cryptography;
using Hall.Store;
using Hall.Store.Disk;
using Microsoft.Data.Sqlite;

namespace Hall.SiteInspection.Upload;

/// <summary>Appending a chunk, completing, and recovering after a crash.</summary>
public sealed partial class UploadStore
{
    /// <summary>
    /// Appends the bytes of <paramref name="body"/> at <paramref name="offset"/>, which must be the current offset.
    /// Streams in 80 KiB blocks (never the whole chunk in memory), then fsyncs and records the new offset. A body cut
    /// off mid-way keeps what arrived (the phone asks the offset and continues). The first bytes of the file are
    /// checked before anything is written: not a video, and the upload is refused and deleted at once. The last byte
    /// completes the upload.
    /// </summary>
    /// <param name="contentLength">The chunk's length when the request declares it: a chunk past the declared size is refused unread.</param>
    /// <param name="cancellationToken">The request's abort token: a cut connection keeps what was written.</param>
    public async Task<UploadResult> AppendAsync(string uploadId, long offset, Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var row = IsUploadId(uploadId) ? LoadRow(uploadId) : null;
        if (row is null)
        {
            return Refused(UploadErrors.Unknown(uploadId ?? string.Empty));
        }

        if (offset < 0)
        {
            return Refused(UploadErrors.Invalid("Upload-Offset", "续传位置不能是负数。请查询已收到的字节数后继续上传。"), ToStatus(row));
        }

        if (row.State != UploadState.Receiving)
        {
            return Ended(row, offset);
        }

        var active = _active.GetOrAdd(row.Id, _ => new ActiveUpload());
        if (!active.TryEnter())
        {
            return Refused(UploadErrors.Busy(row.Received), ToStatus(row));
        }

        try
        {
            row = LoadRow(row.Id)!;
            return row.State == UploadState.Receiving
                ? await AppendLockedAsync(row, active, offset, body, contentLength, cancellationToken)
                : Ended(row, offset);
        }
        catch (SqliteException ex)
        {
            // The store could not record it (a full disk): nothing was acknowledged, the phone asks the offset and retries.
            active.DropHash();
            Log.StoreFailed(_logger, row.Id, ex);
            return Refused(UploadErrors.StoreUnavailable(), ToStatus(row));
        }
        finally
        {
            active.Exit();
        }
    }

    /// <summary>An append to an upload that has ended: complete is fine at its end, anything else says why it ended.</summary>
    private static UploadResult Ended(UploadRow row, long offset) => row.State switch
    {
        UploadState.Complete when offset == row.Size => Result(row),
        UploadState.Complete => Refused(UploadErrors.OffsetMismatch(offset, row.Size, row.Size), ToStatus(row)),
        _ => Refused(ToStatus(row).Error ?? UploadErrors.Cancelled(), ToStatus(row)),
    };

    private async Task<UploadResult> AppendLockedAsync(UploadRow row, ActiveUpload active, long offset, Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        var part = PartPath(row.Id);
        if (NeedsFinishing(row))
        {
            return FinishInterrupted(row);
        }

        var received = row.Received;
        if (File.Exists(part))
        {
            var length = new FileInfo(part).Length;
            if (length < received)
            {
                // The disk lost bytes it had acknowledged: the phone must send them again.
                received = length;
                UpdateReceived(row.Id, received, container: null);
                active.DropHash();
                row = row with { Received = received };
            }
        }

        if (offset != received)
        {
            return Refused(UploadErrors.OffsetMismatch(offset, received, row.Size), ToStatus(row));
        }

        var remaining = row.Size - received;
        if (contentLength > remaining)
        {
            return Refused(UploadErrors.PastDeclaredSize(row.Size, received), ToStatus(row));
        }

        // Its room expired (nobody continued it for SiteInspection:Upload:AbandonAfter): it must find room again.
        var room = _budget.TryReserve(row.Id, Owner(row.ApplicationId), row.Size, _options.Value.AbandonAfter, written: received);
        if (!room.Ok)
        {
            Log.NoRoom(_logger, row.ApplicationId, row.Size - received, room.Refusal.ToString());
            return Refused(UploadErrors.NoRoom(room), ToStatus(row));
        }

        if (active.Hash is null || active.HashedTo != received)
        {
            await RehashAsync(row.Id, part, received, active);
        }

        var hash = active.Hash!;
        active.HashedTo = -1; // until this append is recorded: if anything below throws, the next append rehashes
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            // The first bytes decide whether this is a video before anything of this chunk is written.
            var pending = ReadOnlyMemory<byte>.Empty;
            var cut = false;
            var container = row.Container;
            if (container is null)
            {
                var sniff = await SniffAsync(row, part, received, body, cancellationToken);
                if (sniff.Result.Verdict == SniffVerdict.NotVideo)
                {
                    return End(row, UploadState.Refused, UploadErrors.NotVideo(row.FileName, sniff.Result.Description!));
                }

                container = sniff.Result.Container;
                pending = sniff.FromBody;
                cut = sniff.Cut;
            }

            var created = !File.Exists(part);
            long written = 0;
            var overflow = false;
            UploadError? diskFull = null;
            await using (var file = new FileStream(part, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0))
            {
                if (created)
                {
                    DurableFiles.FlushDirectory(Folder);
                }

                if (file.Length != received)
                {
                    file.SetLength(received); // bytes written but never acknowledged (a crash before their record)
                }

                file.Position = received;
                try
                {
                    if (!pending.IsEmpty)
                    {
                        await file.WriteAsync(pending, CancellationToken.None);
                        hash.AppendData(pending.Span);
                        written += pending.Length;
                    }

                    while (!cut)
                    {
                        var (read, bodyCut) = await ReadBodyAsync(body, buffer.AsMemory(0, BlockSize), cancellationToken);
                        cut = bodyCut;
                        if (read == 0)
                        {
                            break;
                        }

                        if (written + read > remaining)
                        {
                            overflow = true;
                            break;
                        }

                        // Never the request's token here: what arrived is written and kept even when the phone is gone.
                        await file.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None);
                        hash.AppendData(buffer, 0, read);
                        written += read;
                    }
                }
                catch (IOException ex) when (IsDiskFull(ex))
                {
                    diskFull = UploadErrors.NoSpace(row.Size - received - written, AvailableSpace());
                    file.SetLength(received + written);
                }

                if (overflow)
                {
                    file.SetLength(received); // the whole chunk is refused, as if it never came
                    active.DropHash();
                }

                file.Flush(flushToDisk: true);
            }

            if (overflow)
            {
                return Refused(UploadErrors.PastDeclaredSize(row.Size, received), ToStatus(row));
            }

            var now = received + written;
            UpdateReceived(row.Id, now, container);
            _budget.Advance(row.Id, now);
            active.HashedTo = now;
            var updated = LoadRow(row.Id)!;
            if (diskFull is not null)
            {
                return Refused(diskFull, ToStatus(updated));
            }

            return now == row.Size ? Complete(updated, hash) : Result(updated);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads the file's first bytes (what is stored, then from the body) up to what the sniffer needs, and decides.
    /// Too few bytes so far (a tiny first chunk): undecided, the next append decides.
    /// </summary>
    private static async Task<(SniffResult Result, ReadOnlyMemory<byte> FromBody, bool Cut)> SniffAsync(UploadRow row, string part, long received, Stream body, CancellationToken cancellationToken)
    {
        var target = (int)Math.Min(ContainerSniffer.HeadLength, row.Size);
        var head = new byte[target];
        var have = 0;
        if (received > 0)
        {
            await using var stored = new FileStream(part, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            have = await stored.ReadAtLeastAsync(head.AsMemory(0, (int)Math.Min(received, target)), (int)Math.Min(received, target), throwOnEndOfStream: false, CancellationToken.None);
        }

        var start = have;
        var cut = false;
        while (have < target && !cut)
        {
            var (read, bodyCut) = await ReadBodyAsync(body, head.AsMemory(have, target - have), cancellationToken);
            cut = bodyCut;
            if (read == 0)
            {
                break;
            }

            have += read;
        }

        var result = ContainerSniffer.Sniff(head.AsSpan(0, have), whole: have == row.Size);
        return (result, head.AsMemory(start, have - start), cut || (have < target && have != row.Size));
    }

    /// <summary>A read of the request body; a cut connection (IOException, abort) ends the chunk, not the upload.</summary>
    private static async Task<(int Read, bool Cut)> ReadBodyAsync(Stream body, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return (await body.ReadAsync(buffer, cancellationToken), false);
        }
        catch (IOException)
        {
            return (0, true);
        }
        catch (OperationCanceledException)
        {
            return (0, true);
        }
    }

    private async Task RehashAsync(string id, string part, long length, ActiveUpload active)
    {
        var hash = active.Restart();
        if (length == 0)
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            await using var stored = new FileStream(part, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan);
            long done = 0;
            while (done < length)
            {
                var read = await stored.ReadAsync(buffer.AsMemory(0, (int)Math.Min(BlockSize, length - done)), CancellationToken.None);
                if (read == 0)
                {
                    throw new IOException($"{part} ended at {done} bytes while {length} were recorded.");
                }

                hash.AppendData(buffer, 0, read);
                done += read;
            }

            active.HashedTo = length;
            Log.Rehashed(_logger, id, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Every byte is in: check the phone's checksum if it gave one, give the file its final name, commit with its job.</summary>
    private UploadResult Complete(UploadRow row, IncrementalHash hash)
    {
        var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        Forget(row.Id);
        _budget.Release(row.Id); // every byte is on disk: the room is taken, no longer reserved
        if (row.ExpectedSha256 is not null && !string.Equals(row.ExpectedSha256, sha256, StringComparison.Ordinal))
        {
            return End(row, UploadState.Refused, UploadErrors.ChecksumMismatch(row.FileName));
        }

        var container = row.Container ?? "mp4";
        var final = FinalPath(row.Id, container);
        File.Move(PartPath(row.Id), final, overwrite: true);
        DurableFiles.FlushDirectory(Folder);
        return CommitCompletion(row, final, container, sha256);
    }

    /// <summary>
    /// A completion a crash cut short: all bytes recorded but not completed, or the .part already renamed to its
    /// final name before the commit. Or the stored bytes are lost.
    /// </summary>
    private bool NeedsFinishing(UploadRow row) => row.State == UploadState.Receiving && (File.Exists(PartPath(row.Id))
        ? row.Received == row.Size
        : row.Received > 0 || FindFinal(row.Id) is not null);

    /// <summary>Finishes what <see cref="NeedsFinishing"/> found, hashing the stored file again.</summary>
    private UploadResult FinishInterrupted(UploadRow row)
    {
        var part = PartPath(row.Id);
        if (File.Exists(part))
        {
            var length = new FileInfo(part).Length;
            if (length < row.Size)
            {
                UpdateReceived(row.Id, length, container: null);
                Forget(row.Id);
                return Result(LoadRow(row.Id)!);
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            HashFile(part, hash);
            return Complete(row, hash);
        }

        var final = FindFinal(row.Id);
        if (final is null || new FileInfo(final).Length != row.Size)
        {
            return End(row, UploadState.Abandoned, UploadErrors.PartLost());
        }

        using var finalHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        HashFile(final, finalHash);
        var sha256 = Convert.ToHexStringLower(finalHash.GetHashAndReset());
        if (row.ExpectedSha256 is not null && !string.Equals(row.ExpectedSha256, sha256, StringComparison.Ordinal))
        {
            return End(row, UploadState.Refused, UploadErrors.ChecksumMismatch(row.FileName));
        }

        return CommitCompletion(row, final, Path.GetExtension(final).TrimStart('.'), sha256);
    }

    private static void HashFile(string path, IncrementalHash hash)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            int read;
            while ((read = stream.Read(buffer, 0, BlockSize)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private UploadResult CommitCompletion(UploadRow row, string final, string container, string sha256)
    {
        var now = _time.GetUtcNow();
        long jobId;
        using (var connection = _database.Open())
        using (var tx = _database.BeginWrite(connection))
        {
            jobId = _jobs.Enqueue(tx.Transaction, row.ApplicationId, row.Id, final, sha256);
            MarkComplete(tx, row.Id, row.Size, container, sha256, final, jobId, now);

            // Hashes travel upward; the video stays in the hall.
            Outbox.Append(tx.Transaction, OutboxType, HallJson.SerializeToString(new
            {
                ts = now,
                applicationId = row.ApplicationId,
                uploadId = row.Id,
                jobId,
                size = row.Size,
                container,
                sha256,
            }), now);
            tx.Commit();
        }

        _jobs.Notify();
        Forget(row.Id);
        Log.Completed(_logger, row.Id, container, sha256, jobId);
        return Result(LoadRow(row.Id)!);
    }

    private long AvailableSpace() => new DriveInfo(Folder).AvailableFreeSpace;

    private bool IsDiskFull(IOException exception) => DiskErrors.IsDiskFull(exception) || AvailableSpace() < BlockSize;
}
