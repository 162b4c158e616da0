using System.IO.Compression;
using Hall.Contract;
using Hall.Contract.Uplink;
using Hall.Store.Uplink;
using Hall.Sync.Link;
using Hall.Sync.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Sync.Tests;

public sealed class LinkTests
{
    [Fact]
    public void Batches_shrink_after_failures_and_grow_while_they_go_through()
    {
        var sizer = new BatchSizer(20, 2000, start: 200);
        sizer.Failed();
        sizer.Failed();
        sizer.Failed();
        sizer.Failed();
        Assert.Equal(20, sizer.Size);
        for (var i = 0; i < 10; i++)
        {
            sizer.Succeeded();
        }

        Assert.Equal(2000, sizer.Size);
    }

    [Fact]
    public void Backoff_doubles_to_its_ceiling_with_jitter_and_starts_over_after_a_success()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), new Random(7));
        var waits = Enumerable.Range(0, 12).Select(_ => backoff.Next()).ToList();
        Assert.InRange(waits[0], TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.InRange(waits[3], TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8));
        Assert.All(waits.Skip(9), w => Assert.InRange(w, TimeSpan.FromMinutes(2.5), TimeSpan.FromMinutes(5)));
        Assert.True(waits.Skip(9).Distinct().Count() > 1, "two halls failing together do not retry together");
        backoff.Reset();
        Assert.InRange(backoff.Next(), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void The_position_follows_the_hubs_mark_within_the_epoch()
    {
        var batch = new PendingBatch("e", 501, 800, null, [new OutboxRow(601, "T", "x", 1, "{}"), new OutboxRow(602, "T", "x", 2, "{}")]);
        Assert.Equal(602, Acknowledgement.Position(batch, 602));
        Assert.Equal(601, Acknowledgement.Position(batch, 601));
        Assert.Equal(800, Acknowledgement.Position(batch, 5000));
        Assert.Equal(500, Acknowledgement.Position(batch, 3));
    }

    [Fact]
    public void The_bandwidth_cap_lets_through_no_more_than_its_rate()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(1000, time);
        var waited = TimeSpan.Zero;
        for (var i = 0; i < 10; i++)
        {
            var wait = bucket.Take(1000);
            time.Advance(wait);
            waited += wait;
        }

        // 10 000 bytes at 1000 bytes/s, less the first burst.
        Assert.InRange(waited.TotalSeconds, 8.5, 10);
    }

    [Fact]
    public void A_jump_of_the_wall_clock_is_seen_and_steady_time_is_not()
    {
        var time = new JumpyTime();
        var watch = new ClockWatch(time, TimeSpan.FromMinutes(1));
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.False(watch.Jumped(out _));
        time.Jump(TimeSpan.FromHours(-3));
        Assert.True(watch.Jumped(out var jump));
        Assert.Equal(TimeSpan.FromHours(-3), jump);
        Assert.False(watch.Jumped(out _));
    }

    [Fact]
    public void A_batch_on_the_wire_is_the_json_of_the_protocol()
    {
        var rows = new[] { new OutboxRow(7, "TicketIssued", "2026-12-03T02:00:00.0000000+00:00", 99, "{\"ticketNo\":\"A001\",\"category\":\"A\"}") };
        var header = new BatchHeader("xx-town", "某某镇便民服务中心", "Asia/Shanghai", "c0ffee0000000001", new DateTimeOffset(2026, 12, 3, 2, 0, 1, TimeSpan.Zero), 123);
        var body = BatchEncoder.Encode(header, new PendingBatch("c0ffee0000000000", 1, 7, 7, rows));

        var json = new byte[1 << 16];
        Assert.True(BrotliDecoder.TryDecompress(body, json, out var length));
        var batch = HallJson.Deserialize<UplinkBatch>(json.AsSpan(0, length))!;
        Assert.Equal(("xx-town", "c0ffee0000000000", 1L, (long?)7, "c0ffee0000000001", 123L), (batch.BoxId, batch.Epoch, batch.EpochStart, batch.SkipTo, batch.ClockEpoch, batch.Hlc));
        var single = Assert.Single(batch.Events);
        Assert.Equal((7L, "TicketIssued", 99L, "A001"), (single.Seq, single.Type, single.Hlc, single.Data.GetProperty("ticketNo").GetString()));
    }

    [Fact]
    public void A_hall_day_of_events_travels_in_a_small_fraction_of_its_size()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var events = Hall.Tests.Shared.HallDay.Generate(new DateOnly(2026, 12, 3), zone, new Random(1), 300).ToList();
        var rows = events.Select((e, i) => new OutboxRow(i + 1, e.Type, e.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture), i, e.Json)).ToList();
        var raw = rows.Sum(r => r.Payload.Length);
        var body = BatchEncoder.Encode(new BatchHeader("xx-town", "某某镇便民服务中心", "Asia/Shanghai", "e", DateTimeOffset.UnixEpoch, 1), new PendingBatch("e", 1, rows.Count, null, rows));

        // What the county's link carries is a small part of what the hall recorded (the figure itself is a benchmark's).
        Assert.True(body.Length * 4 < raw, $"{body.Length} bytes on the wire for {raw} bytes of events");
    }

    /// <summary>A clock whose wall time can be set apart from its monotonic time, as NTP or a technician does.</summary>
    private sealed class JumpyTime : TimeProvider
    {
        private readonly FakeTimeProvider _inner = new();
        private TimeSpan _offset;

        public override long TimestampFrequency => _inner.TimestampFrequency;

        public void Advance(TimeSpan by) => _inner.Advance(by);

        public void Jump(TimeSpan by) => _offset += by;

        public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow() + _offset;

        public override long GetTimestamp() => _inner.GetTimestamp();
    }
}
