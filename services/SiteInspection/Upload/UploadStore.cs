using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Hall.SiteInspection.Jobs;
using Hall.Store;
using Hall.Store.Disk;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.SiteInspection.Upload;

/// <summary>
/// Resumable upload of inspection videos from a phone on the hall's Wi-Fi: create →
/// append chunks at the current offset → on the last byte the file gets its final name, its SHA-256 is recorded and a
/// check job is queued, in one transaction. Bytes are streamed to {Directory}/{id}.part in 80 KiB blocks and fsynced
/// before the new offset is recorded, so an acknowledged chunk survives a power cut and the phone resumes from the
/// offset the box reports. The running SHA-256 lives in memory; after a restart it is rebuilt by reading the .part
/// once, on the first append that needs it (IncrementalHash cannot be saved).
/// The methods are the HTTP handlers' bodies: each returns the upload's status or an error with its HTTP status.
/// Room on the disk comes from the box's <see cref="DiskBudget"/>: an upload reserves its declared size when it is
/// created (within its application's cap) and gives back what it has not written when it completes, is cancelled, is
/// refused or is abandoned. Ending an upload deletes its bytes before anything is written to the store, so a cancel
/// frees space even on a full disk.
/// </summary>
public sealed partial class UploadStore
{
    private const int BlockSize = 81920;
    private const string PartExtension = ".part";
    private const string OutboxType = "InspectionVideoReceived";

    private readonly HallDatabase _database;
    private readonly InspectionJobQueue _jobs;
    private readonly DiskBudget _budget;
    private readonly IOptions<UploadOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<UploadStore> _logger;
    private readonly ConcurrentDictionary<string, ActiveUpload> _active = new(StringComparer.Ordinal);

    public UploadStore(HallDatabase database, InspectionJobQueue jobs, DiskBudget budget, IOptions<UploadOptions> options, TimeProvider time, ILogger<UploadStore> logger)
    {
        _database = database;
        _jobs = jobs;
        _budget = budget;
        _options = options;
        _time = time;
        _logger = logger;
    }

    private string Folder => _options.Value.Directory;

    /// <summary>
    /// Starts an upload. Refuses an empty or too large file, a non-video content type, an application with as many open
    /// uploads as it may, and a disk budget without room for the declared size.
    /// </summary>
    public UploadResult Create(CreateUploadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = _options.Value;
        var applicationId = request.ApplicationId?.Trim();
        if (string.IsNullOrEmpty(applicationId))
        {
            return Refused(UploadErrors.Missing("applicationId", "申请编号"));
        }

        if (applicationId.Length > 64 || applicationId.Any(char.IsControl))
        {
            return Refused(UploadErrors.Invalid("applicationId", "申请编号不能超过 64 个字符,也不能含控制字符。请从申请页面进入后重新上传。"));
        }

        // The phone's name is kept for people only; stored files are named by the upload id.
        var fileName = Path.GetFileName((request.FileName ?? string.Empty).Replace('\\', '/')).Trim();
        if (fileName.Length == 0)
        {
            return Refused(UploadErrors.Missing("fileName", "文件名"));
        }

        if (fileName.Length > 255 || fileName.Any(char.IsControl))
        {
            return Refused(UploadErrors.Invalid("fileName", "文件名太长(最多 255 个字符)或含有控制字符。请把视频改个短一些的名字后重新上传。"));
        }

        var contentType = (request.ContentType ?? string.Empty).Trim().ToLowerInvariant();
        if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.StartsWith("image/", StringComparison.Ordinal)
            || contentType.StartsWith("audio/", StringComparison.Ordinal))
        {
            return Refused(UploadErrors.NotVideoType(fileName, contentType));
        }

        if (request.Size < 0)
        {
            return Refused(UploadErrors.Invalid("size", "文件大小不能是负数。请刷新页面重新上传。"));
        }

        if (request.Size == 0)
        {
            return Refused(UploadErrors.Empty(fileName));
        }

        if (request.Size > options.MaxSize)
        {
            return Refused(UploadErrors.TooLarge(request.Size, options.MaxSize));
        }

        string? expected = null;
        if (!string.IsNullOrWhiteSpace(request.Sha256))
        {
            expected = request.Sha256.Trim().ToLowerInvariant();
            if (!Sha256Text().IsMatch(expected))
            {
                return Refused(UploadErrors.Invalid("sha256", "校验值应为 64 位十六进制的 SHA-256,可以不填。"));
            }
        }

        var id = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var room = _budget.TryReserve(id, Owner(applicationId), request.Size, options.AbandonAfter);
        if (!room.Ok)
        {
            Log.NoRoom(_logger, applicationId, request.Size, room.Refusal.ToString());
            return Refused(UploadErrors.NoRoom(room));
        }

        try
        {
            Directory.CreateDirectory(Folder);
            InsertRow(id, applicationId, fileName, contentType.Length == 0 ? "application/octet-stream" : contentType, request.Size, expected);
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            _budget.Release(id);
            Log.StoreFailed(_logger, id, ex);
            return Refused(UploadErrors.StoreUnavailable());
        }

        Log.Created(_logger, id, applicationId, request.Size);
        return Result(LoadRow(id)!);
    }

    /// <summary>Where an upload stands: the offset to continue from, or its end (complete with its job, or why it ended).</summary>
    public UploadResult GetStatus(string uploadId)
    {
        var row = IsUploadId(uploadId) ? LoadRow(uploadId) : null;
        if (row is null)
        {
            return Refused(UploadErrors.Unknown(uploadId ?? string.Empty));
        }

        // A completion a crash cut short is finished now, so the phone sees it complete.
        if (NeedsFinishing(row))
        {
            var active = _active.GetOrAdd(row.Id, _ => new ActiveUpload());
            if (active.TryEnter())
            {
                try
                {
                    row = LoadRow(uploadId)!;
                    if (NeedsFinishing(row))
                    {
                        return FinishInterrupted(row);
                    }
                }
                finally
                {
                    active.Exit();
                }
            }
        }

        return Result(row);
    }

    /// <summary>The uploads of one application, newest first.</summary>
    public IReadOnlyList<UploadStatus> ForApplication(string applicationId)
    {
        ArgumentNullException.ThrowIfNull(applicationId);
        return LoadRowsOfApplication(applicationId).Select(ToStatus).ToList();
    }

    /// <summary>Stops an upload being received and deletes what arrived. An upload that has ended is left as it is.</summary>
    public UploadResult Cancel(string uploadId)
    {
        var row = IsUploadId(uploadId) ? LoadRow(uploadId) : null;
        if (row is null)
        {
            return Refused(UploadErrors.Unknown(uploadId ?? string.Empty));
        }

        if (row.State != UploadState.Receiving)
        {
            return Result(row);
        }

        var active = _active.GetOrAdd(row.Id, _ => new ActiveUpload());
        if (!active.TryEnter())
        {
            return Refused(UploadErrors.Busy(row.Received), ToStatus(row));
        }

        try
        {
            return End(row, UploadState.Cancelled, UploadErrors.Cancelled());
        }
        finally
        {
            active.Exit();
        }
    }

    /// <summary>
    /// At start: finishes completions a crash cut short, ends uploads whose stored bytes are gone, and deletes .part files no upload is receiving into. Returns how many it touched.
    /// </summary>
    public int Recover()
    {
        // Uploads nobody continued go first: on a box that stopped with a full disk, their bytes are the room the rest needs.
        var touched = PurgeAbandoned();
        foreach (var row in LoadRowsInState(UploadState.Receiving, before: null))
        {
            if (!NeedsFinishing(row))
            {
                continue;
            }

            var active = _active.GetOrAdd(row.Id, _ => new ActiveUpload());
            if (!active.TryEnter())
            {
                continue;
            }

            try
            {
                var current = LoadRow(row.Id)!;
                if (NeedsFinishing(current))
                {
                    _ = FinishInterrupted(current);
                    touched++;
                }
            }
            finally
            {
                active.Exit();
            }
        }

        // What was promised before the restart stays promised: new uploads see the room these still need.
        foreach (var row in LoadRowsInState(UploadState.Receiving, before: null))
        {
            _budget.Restore(row.Id, Owner(row.ApplicationId), row.Size, row.Received, _options.Value.AbandonAfter);
        }

        if (!Directory.Exists(Folder))
        {
            return touched;
        }

        foreach (var part in Directory.EnumerateFiles(Folder, "*" + PartExtension))
        {
            var id = Path.GetFileNameWithoutExtension(part);
            var row = IsUploadId(id) ? LoadRow(id) : null;
            if (row is null || row.State != UploadState.Receiving)
            {
                File.Delete(part);
                Log.LeftoverRemoved(_logger, part);
                touched++;
            }
        }

        return touched;
    }

    /// <summary>Ends uploads not continued for SiteInspection:Upload:AbandonAfter and deletes their parts. Call it now and then.</summary>
    public int PurgeAbandoned()
    {
        var after = _options.Value.AbandonAfter;
        var purged = 0;
        foreach (var row in LoadRowsInState(UploadState.Receiving, before: _time.GetUtcNow() - after))
        {
            var active = _active.GetOrAdd(row.Id, _ => new ActiveUpload());
            if (!active.TryEnter())
            {
                continue;
            }

            try
            {
                var current = LoadRow(row.Id);
                if (current is { State: UploadState.Receiving })
                {
                    End(current, UploadState.Abandoned, UploadErrors.Abandoned(after));
                    purged++;
                }
            }
            finally
            {
                active.Exit();
            }
        }

        return purged;
    }

    private static UploadResult Refused(UploadError error, UploadStatus? status = null) => UploadResult.Refused(error, status);

    /// <summary>The status as it is; an ended upload carries why it ended in <see cref="UploadStatus.Error"/>.</summary>
    private static UploadResult Result(UploadRow row) => UploadResult.Done(ToStatus(row));

    private static UploadStatus ToStatus(UploadRow row) => new(
        row.Id,
        row.ApplicationId,
        row.FileName,
        row.ContentType,
        row.Size,
        row.Received,
        row.State,
        row.Container,
        row.Sha256,
        row.JobId,
        row.ErrorCode is null ? null : UploadErrors.Stored(row.ErrorCode, row.ErrorMessage ?? string.Empty),
        row.CreatedAt,
        row.UpdatedAt,
        row.CompletedAt);

    /// <summary>Whose room an upload takes: its application, which is what one applicant link can reach.</summary>
    private static string Owner(string applicationId) => "upload:" + applicationId;

    private static bool IsUploadId(string? text) => text is not null && UploadId().IsMatch(text);

    private string PartPath(string id) => Path.Combine(Folder, id + PartExtension);

    private string FinalPath(string id, string container) => Path.Combine(Folder, id + "." + container);

    private string? FindFinal(string id) => Directory.Exists(Folder)
        ? Directory.EnumerateFiles(Folder, id + ".*").FirstOrDefault(f => !f.EndsWith(PartExtension, StringComparison.Ordinal))
        : null;

    /// <summary>
    /// Ends an upload (refused, cancelled, abandoned). Its bytes are deleted and its room given back first, then the
    /// reason committed: on a full disk the commit needs the room the delete made. A commit that still fails leaves the
    /// upload receiving with nothing stored, and says so; asking again ends it.
    /// </summary>
    private UploadResult End(UploadRow row, UploadState state, UploadError reason)
    {
        DeleteFiles(row.Id);
        _budget.Release(row.Id);
        Forget(row.Id);
        try
        {
            MarkEnded(row.Id, state, reason);
        }
        catch (SqliteException ex)
        {
            Log.StoreFailed(_logger, row.Id, ex);
            return Refused(UploadErrors.EndNotRecorded(), ToStatus(LoadRow(row.Id) ?? row));
        }

        if (state == UploadState.Refused)
        {
            Log.Refused(_logger, row.Id, reason.Code);
        }
        else
        {
            Log.Ended(_logger, row.Id, state.ToString(), row.Received, row.Size);
        }

        var status = ToStatus(LoadRow(row.Id)!);
        return state == UploadState.Refused ? Refused(reason, status) : UploadResult.Done(status);
    }

    private void DeleteFiles(string id)
    {
        File.Delete(PartPath(id));
        if (FindFinal(id) is { } final)
        {
            File.Delete(final);
        }
    }

    private void Forget(string id)
    {
        if (_active.TryRemove(id, out var active))
        {
            active.Dispose();
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex UploadId();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Text();
}
