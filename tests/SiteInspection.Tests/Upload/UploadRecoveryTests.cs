using System.Security.Cryptography;
using Hall.SiteInspection.Jobs;
using Hall.SiteInspection.Upload;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hall.SiteInspection.Tests.Upload;

/// <summary>What a crash or power cut leaves on disk, and how the next start of the box deals with it.</summary>
public sealed class UploadRecoveryTests : IDisposable
{
    private readonly InspectionStorage _storage = new();

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task Completion_cut_between_the_final_rename_and_its_commit_is_finished_at_start()
    {
        var file = TestFiles.Mp4(300_000);
        var store = _storage.NewStore();
        var id = store.Create(new CreateUploadRequest("SQ7", "a.mp4", "video/mp4", file.Length)).Status!.UploadId;
        await TestFiles.AppendAsync(store, id, 0, file.AsMemory(0, 200_000));

        // What the crashed process had done on disk: the last bytes written, the .part renamed; the commit never ran.
        var part = Path.Combine(_storage.VideoDirectory, id + ".part");
        await using (var stream = new FileStream(part, FileMode.Append))
        {
            await stream.WriteAsync(file.AsMemory(200_000));
        }

        File.Move(part, Path.Combine(_storage.VideoDirectory, id + ".mp4"));

        var queue = _storage.NewQueue();
        var restarted = _storage.NewStore(queue);
        Assert.Equal(1, restarted.Recover());

        var status = restarted.GetStatus(id).Status!;
        Assert.Equal(UploadState.Complete, status.State);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), status.Sha256);
        Assert.Equal(InspectionJobState.Queued, queue.Find(status.JobId!.Value)!.State);
    }

    [Fact]
    public async Task Bytes_written_but_never_acknowledged_are_cut_back_and_sent_again()
    {
        var file = TestFiles.Mp4(300_000);
        var store = _storage.NewStore();
        var id = store.Create(new CreateUploadRequest("SQ7", "a.mp4", "video/mp4", file.Length)).Status!.UploadId;
        await TestFiles.AppendAsync(store, id, 0, file.AsMemory(0, 100_000));

        // A power cut in the middle of the next chunk: some of its bytes reached the disk, its offset was never recorded.
        await using (var stream = new FileStream(Path.Combine(_storage.VideoDirectory, id + ".part"), FileMode.Append))
        {
            await stream.WriteAsync(new byte[30_000]);
        }

        var restarted = _storage.NewStore();
        Assert.Equal(100_000, restarted.GetStatus(id).Status!.Offset);
        var done = await TestFiles.SendAsync(restarted, id, file, 100_000, 64_000);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), done.Status!.Sha256);
    }

    [Fact]
    public async Task Leftover_part_of_an_upload_that_ended_is_deleted_at_start()
    {
        var store = _storage.NewStore();
        var id = store.Create(new CreateUploadRequest("SQ7", "a.mp4", "video/mp4", 1000)).Status!.UploadId;
        await TestFiles.AppendAsync(store, id, 0, TestFiles.Mp4(1000).AsMemory(0, 600));
        store.Cancel(id);
        var orphan = Path.Combine(_storage.VideoDirectory, id + ".part");
        await File.WriteAllBytesAsync(orphan, new byte[600]); // as if the crash came between the commit and the delete

        Assert.Equal(1, _storage.NewStore().Recover());
        Assert.Empty(_storage.FilesOnDisk());
    }

    [Fact]
    public async Task Janitor_cleans_expired_uploads_at_start_and_purges_abandoned_ones_as_time_passes()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var file = TestFiles.Mp4(1000);
        var store = _storage.NewStore();
        var stale = store.Create(new CreateUploadRequest("SQ7", "a.mp4", "video/mp4", 1000)).Status!.UploadId;
        await TestFiles.AppendAsync(store, stale, 0, file.AsMemory(0, 600));
        await File.WriteAllBytesAsync(Path.Combine(_storage.VideoDirectory, "0123456789abcdef0123456789abcdef.part"), new byte[10]);
        _storage.Time.Advance(TimeSpan.FromDays(3));
        var open = store.Create(new CreateUploadRequest("SQ7", "b.mp4", "video/mp4", 1000)).Status!.UploadId;
        await TestFiles.AppendAsync(store, open, 0, file.AsMemory(0, 600));

        // At start the stray part and the upload nobody continued for SiteInspection:Upload:AbandonAfter go at once:
        // on a box that stopped with a full disk, their bytes are the room the rest needs.
        var restarted = _storage.NewStore();
        using var janitor = new UploadJanitor(restarted, Options.Create(_storage.UploadOptions), _storage.Time, NullLogger<UploadJanitor>.Instance);
        await janitor.StartAsync(limit.Token);
        Assert.Equal(UploadState.Abandoned, restarted.GetStatus(stale).Status!.State);
        Assert.Equal([open + ".part"], _storage.FilesOnDisk().Select(Path.GetFileName));

        while (restarted.GetStatus(open).Status!.State == UploadState.Receiving)
        {
            _storage.Time.Advance(_storage.UploadOptions.PurgeInterval);
            await Task.Delay(10, limit.Token);
        }

        await janitor.StopAsync(limit.Token);
        Assert.Equal(UploadState.Abandoned, restarted.GetStatus(open).Status!.State);
        Assert.Empty(_storage.FilesOnDisk());
    }
}
