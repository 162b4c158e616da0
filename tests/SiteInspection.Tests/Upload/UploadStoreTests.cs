using System.Security.Cryptography;
using Hall.SiteInspection.Jobs;
using Hall.SiteInspection.Upload;
using Hall.Store.Disk;

namespace Hall.SiteInspection.Tests.Upload;

public sealed class UploadStoreTests : IDisposable
{
    private readonly InspectionStorage _storage = new(maxSize: 8L * 1024 * 1024);

    public void Dispose() => _storage.Dispose();

    private static CreateUploadRequest Request(long size, string name = "现场踏勘.mp4", string? sha256 = null) =>
        new("SQ2025-0314-001", name, "video/mp4", size, sha256);

    [Fact]
    public async Task Chunks_appended_in_order_give_the_whole_file_its_sha256_and_a_queued_job()
    {
        var file = TestFiles.Mp4(3 * 1024 * 1024 + 12345);
        var queue = _storage.NewQueue();
        var store = _storage.NewStore(queue);

        var created = store.Create(Request(file.Length));
        Assert.True(created.Ok, created.Error?.Message);
        Assert.Equal(0, created.Status!.Offset);
        Assert.Equal(UploadState.Receiving, created.Status.State);

        var done = await TestFiles.SendAsync(store, created.Status.UploadId, file, 0, 256 * 1024);

        var status = done.Status!;
        Assert.Equal(UploadState.Complete, status.State);
        Assert.Equal(file.Length, status.Offset);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), status.Sha256);
        Assert.Equal("mp4", status.Container);
        var stored = Assert.Single(_storage.FilesOnDisk());
        Assert.Equal(status.UploadId + ".mp4", Path.GetFileName(stored));
        Assert.Equal(file, await File.ReadAllBytesAsync(stored));

        var job = queue.Find(status.JobId!.Value)!;
        Assert.Equal(InspectionJobState.Queued, job.State);
        Assert.Equal("SQ2025-0314-001", job.ApplicationId);
        Assert.Equal(status.Sha256, job.Sha256);
        Assert.Equal(1, _storage.OutboxRows("InspectionVideoReceived"));
        Assert.Equal(status, Assert.Single(store.ForApplication("SQ2025-0314-001")));
    }

    [Fact]
    public async Task Upload_cut_off_mid_chunk_resumes_after_a_restart_from_the_offset_the_box_reports()
    {
        var file = TestFiles.Mp4(2 * 1024 * 1024 + 777, seed: 7);
        var original = Path.Combine(_storage.Root, "original.mp4");
        await File.WriteAllBytesAsync(original, file);
        var store = _storage.NewStore();
        var id = store.Create(Request(file.Length)).Status!.UploadId;

        // One big chunk from 0; the Wi-Fi drops after 1.3 MB of it.
        var cut = await store.AppendAsync(id, 0, new CutConnectionStream(file, 1_300_000), file.Length, CancellationToken.None);
        Assert.True(cut.Ok, cut.Error?.Message);

        // The box restarts: nothing of the first store survives but the disk.
        store = _storage.NewStore();
        var status = store.GetStatus(id).Status!;
        Assert.Equal(UploadState.Receiving, status.State);
        Assert.Equal(1_300_000, status.Offset);

        var done = await TestFiles.SendAsync(store, id, file, status.Offset, 512 * 1024);

        Assert.Equal(UploadState.Complete, done.Status!.State);
        Assert.Equal(TestFiles.Sha256Sum(original), done.Status.Sha256);
        Assert.Equal(TestFiles.Sha256Sum(original), TestFiles.Sha256Sum(Assert.Single(_storage.FilesOnDisk())));
    }

    [Fact]
    public async Task Chunk_at_a_wrong_offset_is_refused_with_the_offset_the_box_holds()
    {
        var file = TestFiles.Mp4(100_000);
        var store = _storage.NewStore();
        var id = store.Create(Request(file.Length)).Status!.UploadId;
        await TestFiles.AppendAsync(store, id, 0, file.AsMemory(0, 40_000));

        var again = await TestFiles.AppendAsync(store, id, 0, file.AsMemory(0, 40_000));
        var ahead = await TestFiles.AppendAsync(store, id, 60_000, file.AsMemory(60_000, 40_000));

        foreach (var refused in new[] { again, ahead })
        {
            Assert.Equal(ErrorCodes.UploadOffsetMismatch, refused.Error!.Code);
            Assert.Equal(409, refused.Error.HttpStatus);
            Assert.Equal(40_000, refused.Error.CurrentOffset);
            Assert.Contains("请从第 40000 字节继续上传", refused.Error.Message, StringComparison.Ordinal);
        }

        var rest = await TestFiles.SendAsync(store, id, file, 40_000, 30_000);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), rest.Status!.Sha256);
    }

    [Fact]
    public void Upload_over_the_size_limit_is_refused_when_it_is_created()
    {
        var store = _storage.NewStore();

        var refused = store.Create(Request(8L * 1024 * 1024 + 1));

        Assert.Equal(ErrorCodes.UploadTooLarge, refused.Error!.Code);
        Assert.Equal(413, refused.Error.HttpStatus);
        Assert.Contains("超过上限 8 MB", refused.Error.Message, StringComparison.Ordinal);
        Assert.Empty(_storage.FilesOnDisk());
    }

    [Fact]
    public async Task Chunk_going_past_the_declared_size_is_refused_and_changes_nothing()
    {
        var file = TestFiles.Mp4(50_000);
        var longer = TestFiles.Mp4(60_000);
        var store = _storage.NewStore();
        var id = store.Create(Request(file.Length)).Status!.UploadId;

        // Declared too long: refused before a byte is read. Undeclared (chunked): refused when the excess arrives.
        var declared = await store.AppendAsync(id, 0, new MemoryStream(longer), longer.Length, CancellationToken.None);
        var undeclared = await store.AppendAsync(id, 0, new MemoryStream(longer), null, CancellationToken.None);

        foreach (var refused in new[] { declared, undeclared })
        {
            Assert.Equal(ErrorCodes.UploadTooLarge, refused.Error!.Code);
            Assert.Equal(0, refused.Error.CurrentOffset);
        }

        Assert.Equal(0, store.GetStatus(id).Status!.Offset);
        var done = await TestFiles.SendAsync(store, id, file, 0, 20_000);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), done.Status!.Sha256);
    }

    [Fact]
    public void Empty_upload_is_refused_when_it_is_created()
    {
        var refused = _storage.NewStore().Create(Request(0, "VID_20250314_093000.mp4"));

        Assert.Equal(ErrorCodes.UploadEmpty, refused.Error!.Code);
        Assert.Contains("VID_20250314_093000.mp4", refused.Error.Message, StringComparison.Ordinal);
        Assert.Contains("0 字节", refused.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_file_renamed_mp4_is_refused_at_its_first_chunk_and_nothing_is_left_on_disk()
    {
        var text = TestFiles.Text(5 * 1024 * 1024);
        var store = _storage.NewStore();
        var id = store.Create(Request(text.Length, "踏勘视频.mp4")).Status!.UploadId;

        var refused = await TestFiles.AppendAsync(store, id, 0, text.AsMemory(0, 256 * 1024));

        Assert.Equal(ErrorCodes.UploadNotVideo, refused.Error!.Code);
        Assert.Equal(415, refused.Error.HttpStatus);
        Assert.Contains("「踏勘视频.mp4」不是视频,而是文本文件", refused.Error.Message, StringComparison.Ordinal);
        Assert.Empty(_storage.FilesOnDisk());
        var status = store.GetStatus(id).Status!;
        Assert.Equal(UploadState.Refused, status.State);
        Assert.Equal(ErrorCodes.UploadNotVideo, status.Error!.Code);

        // The phone carrying on gets the same answer, and still nothing is stored.
        var next = await TestFiles.AppendAsync(store, id, 256 * 1024, text.AsMemory(256 * 1024, 1024));
        Assert.Equal(ErrorCodes.UploadNotVideo, next.Error!.Code);
        Assert.Empty(_storage.FilesOnDisk());
    }

    [Fact]
    public async Task Tiny_first_chunks_are_judged_once_enough_bytes_have_come()
    {
        var video = TestFiles.Mp4(10_000);
        var text = TestFiles.Text(10_000);
        var store = _storage.NewStore();
        var videoId = store.Create(Request(video.Length)).Status!.UploadId;
        var textId = store.Create(Request(text.Length, "notes.mov")).Status!.UploadId;

        Assert.True((await TestFiles.AppendAsync(store, videoId, 0, video.AsMemory(0, 3))).Ok);
        Assert.True((await TestFiles.AppendAsync(store, textId, 0, text.AsMemory(0, 3))).Ok);
        var videoDone = await TestFiles.SendAsync(store, videoId, video, 3, 4000);
        var textRefused = await TestFiles.AppendAsync(store, textId, 3, text.AsMemory(3, 4000));

        Assert.Equal(UploadState.Complete, videoDone.Status!.State);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(video)), videoDone.Status.Sha256);
        Assert.Equal(ErrorCodes.UploadNotVideo, textRefused.Error!.Code);
        Assert.Equal([videoId + ".mp4"], _storage.FilesOnDisk().Select(Path.GetFileName));
    }

    [Fact]
    public void Photo_or_text_content_type_is_refused_when_it_is_created()
    {
        var refused = _storage.NewStore().Create(new CreateUploadRequest("SQ1", "IMG_0001.jpg", "image/jpeg", 1000));

        Assert.Equal(ErrorCodes.UploadNotVideo, refused.Error!.Code);
        Assert.Contains("image/jpeg", refused.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checksum_given_by_the_phone_is_checked_at_completion()
    {
        var file = TestFiles.Mp4(30_000);
        var wrong = Convert.ToHexStringLower(SHA256.HashData(TestFiles.Mp4(30_000, seed: 2)));
        var store = _storage.NewStore();
        var good = store.Create(Request(file.Length, sha256: Convert.ToHexString(SHA256.HashData(file)))).Status!.UploadId;
        var bad = store.Create(Request(file.Length, sha256: wrong)).Status!.UploadId;

        var accepted = await TestFiles.AppendAsync(store, good, 0, file);
        var refused = await TestFiles.AppendAsync(store, bad, 0, file);

        Assert.Equal(UploadState.Complete, accepted.Status!.State);
        Assert.Equal(ErrorCodes.UploadChecksumMismatch, refused.Error!.Code);
        Assert.Null(store.GetStatus(bad).Status!.JobId);
        Assert.Equal([good + ".mp4"], _storage.FilesOnDisk().Select(Path.GetFileName));
    }

    [Fact]
    public void Disk_without_room_refuses_the_upload_when_it_is_created_and_keeps_nothing()
    {
        using var full = new InspectionStorage(maxSize: 1L << 30, diskCapacity: 600L << 20, disk: new DiskOptions { StoreFloorMiB = 512 });

        var refused = full.NewStore().Create(Request(100L << 20));

        Assert.Equal(ErrorCodes.DiskBudgetExceeded, refused.Error!.Code);
        Assert.Equal(507, refused.Error.HttpStatus);
        Assert.Contains("100 MB", refused.Error.Message, StringComparison.Ordinal);
        Assert.Empty(full.NewStore().ForApplication("SQ2025-0314-001"));
    }

    [Fact]
    public async Task Second_append_while_one_is_still_streaming_is_refused_as_busy()
    {
        var file = TestFiles.Mp4(200_000);
        var store = _storage.NewStore();
        var id = store.Create(Request(file.Length)).Status!.UploadId;
        var slow = new HeldStream(file.AsMemory(0, 100_000).ToArray());
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var first = store.AppendAsync(id, 0, slow, null, CancellationToken.None);
        await slow.FirstReadDone.WaitAsync(limit.Token);
        var second = await TestFiles.AppendAsync(store, id, 0, file.AsMemory(0, 100_000));
        slow.Release();
        var firstResult = await first.WaitAsync(limit.Token);

        Assert.Equal(ErrorCodes.UploadBusy, second.Error!.Code);
        Assert.True(firstResult.Ok);
        Assert.Equal(100_000, firstResult.Status!.Offset);
    }

    [Fact]
    public async Task Cancelled_upload_is_deleted_and_refuses_further_chunks()
    {
        var file = TestFiles.Mp4(50_000);
        var store = _storage.NewStore();
        var id = store.Create(Request(file.Length)).Status!.UploadId;
        await TestFiles.AppendAsync(store, id, 0, file.AsMemory(0, 10_000));

        var cancelled = store.Cancel(id);
        var after = await TestFiles.AppendAsync(store, id, 10_000, file.AsMemory(10_000, 10_000));

        Assert.Equal(UploadState.Cancelled, cancelled.Status!.State);
        Assert.Equal(ErrorCodes.UploadGone, after.Error!.Code);
        Assert.Equal(410, after.Error.HttpStatus);
        Assert.Empty(_storage.FilesOnDisk());
    }

    [Fact]
    public async Task Upload_left_unfinished_past_the_abandon_time_is_purged()
    {
        var file = TestFiles.Mp4(50_000);
        var store = _storage.NewStore();
        var stale = store.Create(Request(file.Length)).Status!.UploadId;
        await TestFiles.AppendAsync(store, stale, 0, file.AsMemory(0, 10_000));
        _storage.Time.Advance(TimeSpan.FromDays(1));
        var fresh = store.Create(Request(file.Length)).Status!.UploadId;
        await TestFiles.AppendAsync(store, fresh, 0, file.AsMemory(0, 10_000));
        _storage.Time.Advance(TimeSpan.FromDays(1.5));

        Assert.Equal(1, store.PurgeAbandoned());

        Assert.Equal(UploadState.Abandoned, store.GetStatus(stale).Status!.State);
        Assert.Contains("超过 2 天没有继续", store.GetStatus(stale).Status!.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(UploadState.Receiving, store.GetStatus(fresh).Status!.State);
        Assert.Equal([fresh + ".part"], _storage.FilesOnDisk().Select(Path.GetFileName));
    }

    [Fact]
    public void Unknown_upload_id_is_answered_as_unknown()
    {
        var store = _storage.NewStore();

        foreach (var id in new[] { "0123456789abcdef0123456789abcdef", "../../etc/passwd", string.Empty })
        {
            var result = store.GetStatus(id);
            Assert.Equal(ErrorCodes.UnknownUpload, result.Error!.Code);
            Assert.Equal(404, result.Error.HttpStatus);
        }
    }
}
