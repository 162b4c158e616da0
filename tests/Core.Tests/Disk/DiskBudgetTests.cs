using Hall.Store.Disk;
using Hall.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Core.Tests.Disk;

/// <summary>The disk budget on its own: a disk whose free space the test sets, a clock the test moves.</summary>
public sealed class DiskBudgetTests
{
    private const long MiB = 1024L * 1024;
    private const long GiB = 1024 * MiB;
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly FakeFreeSpace _disk = new(10 * GiB);

    [Fact]
    public void Uploads_started_but_not_yet_written_take_their_room_so_forty_cannot_all_fit()
    {
        var budget = Budget(maxPerOwner: 100, maxMiBPerOwner: 1_000_000);

        var granted = Enumerable.Range(1, 40).Count(i => budget.TryReserve($"u{i}", "upload:SQ1", 2 * GiB, Lifetime).Ok);

        // 10 GiB free, 512 MiB kept for the store: four 2 GiB uploads, not forty.
        Assert.Equal(4, granted);
        var refused = budget.TryReserve("u41", "upload:SQ2", 2 * GiB, Lifetime);
        Assert.Equal(DiskRefusal.NoRoom, refused.Refusal);
        Assert.Equal(10 * GiB - 8 * GiB - 512 * MiB, refused.Headroom);
        Assert.Equal(8 * GiB, budget.Snapshot().ReservedBytes);
    }

    [Fact]
    public void One_application_is_held_to_its_own_count_and_bytes_whatever_the_disk_has()
    {
        var budget = Budget(maxPerOwner: 3, maxMiBPerOwner: 4096);

        Assert.True(budget.TryReserve("a", "upload:SQ1", GiB, Lifetime).Ok);
        Assert.True(budget.TryReserve("b", "upload:SQ1", GiB, Lifetime).Ok);
        var tooBig = budget.TryReserve("c", "upload:SQ1", 3 * GiB, Lifetime);
        Assert.True(budget.TryReserve("c", "upload:SQ1", GiB, Lifetime).Ok);
        var fourth = budget.TryReserve("d", "upload:SQ1", MiB, Lifetime);
        var otherApplication = budget.TryReserve("e", "upload:SQ2", GiB, Lifetime);

        Assert.Equal(DiskRefusal.OwnerBytes, tooBig.Refusal);
        Assert.Equal((2, 2 * GiB), (tooBig.OwnerOpen, tooBig.OwnerBytes));
        Assert.Equal(DiskRefusal.OwnerCount, fourth.Refusal);
        Assert.Equal(3, fourth.OwnerMaxOpen);
        Assert.True(otherApplication.Ok);

        // The box's own work (a check's scratch space) is not held to an application's caps.
        Assert.True(budget.TryReserve("scratch", owner: null, 2 * GiB, Lifetime).Ok);
    }

    [Fact]
    public void Asking_again_for_a_reservation_already_held_changes_nothing()
    {
        var budget = Budget();

        Assert.True(budget.TryReserve("a", "upload:SQ1", GiB, Lifetime).Ok);
        Assert.True(budget.TryReserve("a", "upload:SQ1", GiB, Lifetime).Ok);

        Assert.Equal((1, GiB), (budget.Snapshot().Reservations, budget.Snapshot().ReservedBytes));
    }

    [Fact]
    public void Bytes_written_move_from_reserved_to_used_so_the_room_for_others_stays_the_same()
    {
        var budget = Budget();
        budget.TryReserve("a", "upload:SQ1", 2 * GiB, Lifetime);
        var before = budget.Snapshot().HeadroomBytes;

        _disk.TakenElsewhere = GiB; // the upload's first gigabyte, now on disk
        budget.Advance("a", GiB);

        var after = budget.Snapshot();
        Assert.Equal(before, after.HeadroomBytes);
        Assert.Equal(GiB, after.ReservedBytes);
    }

    [Fact]
    public void A_reservation_nobody_continues_is_released_when_its_lifetime_ends_and_one_continued_is_kept()
    {
        var budget = Budget();
        budget.TryReserve("idle", "upload:SQ1", GiB, Lifetime);
        budget.TryReserve("busy", "upload:SQ1", GiB, Lifetime);

        _time.Advance(Lifetime - TimeSpan.FromMinutes(1));
        Assert.True(budget.Advance("busy", MiB));
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(budget.Holds("idle"));
        Assert.True(budget.Holds("busy"));
        var snapshot = budget.Snapshot();
        Assert.Equal((1, 1L), (snapshot.Reservations, snapshot.ExpiredReleased));
        Assert.False(budget.Advance("idle", MiB));

        // Its room is free again for another upload of the same application.
        Assert.True(budget.TryReserve("next", "upload:SQ1", GiB, Lifetime).Ok);
    }

    [Fact]
    public void A_reservation_taken_again_after_it_expired_needs_room_only_for_what_is_left()
    {
        var budget = Budget();
        budget.TryReserve("a", "upload:SQ1", 2 * GiB, Lifetime);
        _disk.TakenElsewhere = 2 * GiB - MiB; // nearly all of it was written
        _time.Advance(Lifetime);
        Assert.False(budget.Holds("a"));
        _disk.Capacity = 2 * GiB + 512 * MiB + 2 * MiB; // now the disk has only a little room above the floor

        var again = budget.TryReserve("a", "upload:SQ1", 2 * GiB, Lifetime, written: 2 * GiB - MiB);

        Assert.True(again.Ok, again.ToString());
        Assert.Equal(MiB, budget.Snapshot().ReservedBytes);
    }

    [Fact]
    public void Released_room_is_given_back_and_releasing_twice_is_harmless()
    {
        var budget = Budget(maxMiBPerOwner: 1_000_000);
        budget.TryReserve("a", "upload:SQ1", 9 * GiB, Lifetime);
        Assert.False(budget.TryReserve("b", "upload:SQ2", GiB, Lifetime).Ok);

        budget.Release("a");
        budget.Release("a");

        Assert.True(budget.TryReserve("b", "upload:SQ2", GiB, Lifetime).Ok);
    }

    [Fact]
    public void The_stores_floor_is_never_handed_out_to_a_write()
    {
        var budget = Budget();
        _disk.Capacity = 512 * MiB + 100;

        Assert.True(budget.TryWrite(100).Ok);
        Assert.Equal(DiskRefusal.NoRoom, budget.TryWrite(101).Refusal);
        Assert.Equal(DiskRefusal.NoRoom, budget.TryReserve("a", "upload:SQ1", 101, Lifetime).Refusal);
    }

    [Fact]
    public void Reservations_from_before_a_restart_are_kept_even_over_the_budget_and_new_ones_wait()
    {
        var budget = Budget();
        _disk.Capacity = 3 * GiB;

        budget.Restore("old", "upload:SQ1", 4 * GiB, written: GiB, Lifetime);

        Assert.True(budget.Holds("old"));
        Assert.Equal(3 * GiB, budget.Snapshot().ReservedBytes);
        Assert.Equal(DiskRefusal.NoRoom, budget.TryReserve("new", "upload:SQ2", MiB, Lifetime).Refusal);
    }

    [Fact]
    public void Refusals_are_counted_by_kind()
    {
        var budget = Budget(maxPerOwner: 1, maxMiBPerOwner: 1_000_000);
        budget.TryReserve("a", "upload:SQ1", MiB, Lifetime);
        budget.TryReserve("b", "upload:SQ1", MiB, Lifetime);
        budget.TryReserve("c", "upload:SQ2", 100 * GiB, Lifetime);
        budget.TryWrite(100 * GiB);

        var refusals = budget.Snapshot().Refusals;

        Assert.Equal(1, refusals[DiskRefusal.OwnerCount]);
        Assert.Equal(2, refusals[DiskRefusal.NoRoom]);
        Assert.Equal(0, refusals[DiskRefusal.OwnerBytes]);
    }

    private DiskBudget Budget(int maxPerOwner = 3, int maxMiBPerOwner = 4096) => new(
        _disk,
        "/var/lib/hall",
        new DiskOptions { StoreFloorMiB = 512, MaxUploadsPerApplication = maxPerOwner, MaxUploadMiBPerApplication = maxMiBPerOwner },
        _time);
}
