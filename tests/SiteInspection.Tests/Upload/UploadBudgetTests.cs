using Hall.SiteInspection.Upload;
using Hall.Store.Disk;

namespace Hall.SiteInspection.Tests.Upload;

/// <summary>
/// Uploads and the box's disk budget: a disk of 1 GiB with 512 MiB kept for the store, so 512 MiB for videos. What an
/// applicant's link can start is bounded by what is free and reserved, not by what happens to be written yet.
/// </summary>
public sealed class UploadBudgetTests : IDisposable
{
    private const long MiB = 1024L * 1024;
    private const string Application = "SQ2026-1203-001";

    private readonly InspectionStorage _storage = new(
        maxSize: 2048 * MiB,
        diskCapacity: 1024 * MiB,
        disk: new DiskOptions { StoreFloorMiB = 512, MaxUploadsPerApplication = 3, MaxUploadMiBPerApplication = 4096 });

    public void Dispose() => _storage.Dispose();

    [Fact]
    public void Many_uploads_started_by_one_link_cannot_reserve_more_than_the_budget()
    {
        var store = _storage.NewStore();

        var first = store.Create(Request(200 * MiB));
        var second = store.Create(Request(200 * MiB));
        var third = store.Create(Request(200 * MiB));

        Assert.True(first.Ok && second.Ok, first.Error?.Message ?? second.Error?.Message);
        Assert.Equal(ErrorCodes.DiskBudgetExceeded, third.Error!.Code);
        Assert.Equal(507, third.Error.HttpStatus);
        Assert.Contains("112 MB", third.Error.Message, StringComparison.Ordinal); // what is left: 512 − 400 MiB
        Assert.Equal(2, store.ForApplication(Application).Count);
        Assert.Empty(_storage.FilesOnDisk());
    }

    [Fact]
    public void One_link_has_at_most_three_uploads_open_whatever_the_disk_has()
    {
        using var big = new InspectionStorage(maxSize: 2048 * MiB, diskCapacity: 1L << 40, disk: new DiskOptions { MaxUploadsPerApplication = 3 });
        var store = big.NewStore();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(store.Create(Request(MiB)).Ok);
        }

        var fourth = store.Create(Request(MiB));
        var otherApplication = store.Create(new CreateUploadRequest("SQ2026-1203-002", "a.mp4", "video/mp4", MiB));

        Assert.Equal(ErrorCodes.UploadLimitReached, fourth.Error!.Code);
        Assert.Equal(429, fourth.Error.HttpStatus);
        Assert.Contains("最多同时上传 3 个", fourth.Error.Message, StringComparison.Ordinal);
        Assert.Equal(3, store.ForApplication(Application).Count);
        Assert.True(otherApplication.Ok);
    }

    [Fact]
    public async Task An_expired_reservation_is_released_and_its_upload_must_find_room_again()
    {
        var budget = _storage.NewBudget();
        var store = _storage.NewStore(budget: budget);
        var idle = store.Create(Request(400 * MiB)).Status!.UploadId;
        Assert.Equal(ErrorCodes.DiskBudgetExceeded, store.Create(Request(400 * MiB)).Error!.Code);

        _storage.Time.Advance(_storage.UploadOptions.AbandonAfter);

        // Nobody continued it: its room is free before the janitor even runs, and another upload takes it.
        Assert.False(budget.Holds(idle));
        Assert.True(store.Create(Request(400 * MiB)).Ok);
        var late = await TestFiles.AppendAsync(store, idle, 0, TestFiles.Mp4(50_000));
        Assert.Equal(ErrorCodes.DiskBudgetExceeded, late.Error!.Code);
        Assert.Equal(0, store.GetStatus(idle).Status!.Offset);
    }

    [Fact]
    public async Task Cancelling_deletes_the_bytes_and_gives_the_room_back()
    {
        var budget = _storage.NewBudget();
        var store = _storage.NewStore(budget: budget);
        var id = store.Create(Request(400 * MiB)).Status!.UploadId;
        Assert.True((await TestFiles.AppendAsync(store, id, 0, TestFiles.Mp4(300_000))).Ok);

        var cancelled = store.Cancel(id);

        Assert.Equal(UploadState.Cancelled, cancelled.Status!.State);
        Assert.Empty(_storage.FilesOnDisk());
        Assert.Equal(0, budget.Snapshot().Reservations);
        Assert.True(store.Create(Request(500 * MiB)).Ok);
    }

    [Fact]
    public void Uploads_open_before_a_restart_keep_their_room_and_expired_ones_are_cleaned_at_start()
    {
        var store = _storage.NewStore();
        var old = store.Create(Request(100 * MiB)).Status!.UploadId;
        _storage.Time.Advance(_storage.UploadOptions.AbandonAfter / 2);
        var open = store.Create(Request(300 * MiB)).Status!.UploadId;
        _storage.Time.Advance((_storage.UploadOptions.AbandonAfter / 2) + TimeSpan.FromMinutes(1));

        // The box restarts: the first upload was not continued for AbandonAfter, the second is still open.
        var budget = _storage.NewBudget();
        var restarted = _storage.NewStore(budget: budget);
        restarted.Recover();

        Assert.Equal(UploadState.Abandoned, restarted.GetStatus(old).Status!.State);
        Assert.True(budget.Holds(open));
        Assert.False(budget.Holds(old));
        Assert.Equal(ErrorCodes.DiskBudgetExceeded, restarted.Create(Request(300 * MiB)).Error!.Code);
        Assert.True(restarted.Create(Request(200 * MiB)).Ok);
    }

    private static CreateUploadRequest Request(long size) => new(Application, "现场踏勘.mp4", "video/mp4", size);
}
