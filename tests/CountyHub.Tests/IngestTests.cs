using System.Globalization;
using System.Text;
using Hall.Contract;
using Hall.Contract.Uplink;
using Hall.CountyHub.Ingest;
using Hall.CountyHub.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hall.CountyHub.Tests;

/// <summary>The ingest of docs/sync.md, run directly; every test runs on SQLite and on PostgreSQL (the two subclasses).</summary>
public abstract class IngestTests : IAsyncLifetime
{
    private readonly List<TestBox> _boxes = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 3, 6, 10, 0, 300, TimeSpan.Zero));

    protected HubDatabase Database { get; private set; } = null!;

    protected BatchIngest Ingest { get; private set; } = null!;

    protected BoxDirectory Boxes { get; private set; } = null!;

    protected HubOptions Options { get; } = new();

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        await HubMigrator.ApplyAsync(Database, Time.GetUtcNow());
        Boxes = new BoxDirectory(Database, Time);
        Ingest = new BatchIngest(Database, Microsoft.Extensions.Options.Options.Create(Options), Time, new HubClock(Time), new BoxLocks(), new IngestCounters(), NullLogger<BatchIngest>.Instance);
    }

    public virtual Task DisposeAsync()
    {
        foreach (var box in _boxes)
        {
            box.Dispose();
        }

        Database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_batch_is_stored_once_and_answered_with_its_mark()
    {
        var box = await EnrolledAsync("xx-town");
        var answer = Ok(await Ingest.IngestAsync(box.Request(box.Batch(1, box.Tickets(1, 3))), default));

        Assert.Equal((3L, 3, 0), (answer.Mark, answer.Stored, answer.Duplicates));
        Assert.Equal(box.Epoch, answer.Epoch);
        Assert.True(answer.Hlc >= HybridTime.FromWall(Time.GetUtcNow()));
        Assert.Equal(3, await CountAsync("events"));
        Assert.Equal(3, await CountAsync("tickets"));
        Assert.Equal("某某镇便民服务中心", (await Boxes.FindAsync("xx-town"))!.HallName);
    }

    [Fact]
    public async Task The_same_batch_again_with_a_new_nonce_is_all_duplicates_and_doubles_nothing()
    {
        var box = await EnrolledAsync("xx-town");
        var batch = box.Batch(1, box.Tickets(1, 3));
        Ok(await Ingest.IngestAsync(box.Request(batch), default));
        var again = Ok(await Ingest.IngestAsync(box.Request(batch), default));

        Assert.Equal((3L, 0, 3), (again.Mark, again.Stored, again.Duplicates));
        Assert.Equal(3, await CountAsync("events"));
        Assert.Equal(3, await CountAsync("tickets"));
    }

    [Fact]
    public async Task A_batch_after_a_gap_is_refused_with_the_mark_and_nothing_is_kept()
    {
        var box = await EnrolledAsync("xx-town");
        Ok(await Ingest.IngestAsync(box.Request(box.Batch(1, box.Tickets(1, 3))), default));
        var refusal = Refused(await Ingest.IngestAsync(box.Request(box.Batch(1, box.Tickets(6, 8))), default), 409, UplinkErrorCodes.Gap);

        Assert.Equal(3, refusal.Mark);
        Assert.Equal(3, await CountAsync("events"));
    }

    [Fact]
    public async Task A_cut_batch_sent_again_stores_only_what_the_hub_lacked()
    {
        var box = await EnrolledAsync("xx-town");
        Ok(await Ingest.IngestAsync(box.Request(box.Batch(1, box.Tickets(1, 5))), default));
        var resent = Ok(await Ingest.IngestAsync(box.Request(box.Batch(1, box.Tickets(3, 8))), default));

        Assert.Equal((8L, 3, 3), (resent.Mark, resent.Stored, resent.Duplicates));
        Assert.Equal(8, await CountAsync("events"));
    }

    [Fact]
    public async Task A_restored_box_in_a_new_epoch_keeps_events_whose_numbers_an_old_epoch_had()
    {
        var box = await EnrolledAsync("xx-town");
        Ok(await Ingest.IngestAsync(box.Request(box.Batch(1, box.Tickets(1, 5))), default));
        box.Epoch = "00000000000000b2";
        var restored = Ok(await Ingest.IngestAsync(box.Request(box.Batch(3, box.Tickets(3, 6))), default));

        Assert.Equal((6L, 4, 0), (restored.Mark, restored.Stored, restored.Duplicates));
        Assert.Equal(9, await CountAsync("events"));
    }

    [Fact]
    public async Task A_box_whose_clock_is_in_1970_counts_on_the_hubs_day_in_the_halls_zone()
    {
        // 17:00 UTC is 01:00 the next day in Shanghai.
        Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 17, 0, 0, TimeSpan.Zero));
        var box = await EnrolledAsync("xx-town");
        box.Clock = new DateTimeOffset(1970, 1, 1, 0, 0, 20, TimeSpan.Zero);
        Ok(await Ingest.IngestAsync(box.Request(box.Batch(1, box.Tickets(1, 2))), default));

        Assert.Equal(["2026-12-04"], await StringsAsync("SELECT DISTINCT hall_day FROM events"));
        Assert.Equal(["2026-12-04"], await StringsAsync("SELECT DISTINCT hall_day FROM tickets"));
        Assert.True((await Boxes.FindAsync("xx-town"))!.LastSkewMs > TimeSpan.FromDays(365 * 50).TotalMilliseconds);
    }

    [Fact]
    public async Task A_clock_within_tolerance_is_not_corrected()
    {
        var box = await EnrolledAsync("xx-town");
        box.Clock = Time.GetUtcNow().AddSeconds(-30);
        Ok(await Ingest.IngestAsync(box.Request(box.Batch(1, box.Tickets(1, 1))), default));

        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM events WHERE hall_time = at"));
    }

    [Fact]
    public async Task An_unknown_box_is_refused()
    {
        using var box = new TestBox("nobody");
        Refused(await Ingest.IngestAsync(box.Request(box.Batch(1, box.Tickets(1, 1))), default), 401, UplinkErrorCodes.UnknownBox);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_revoked_box_is_refused_at_once()
    {
        var box = await EnrolledAsync("xx-town");
        Assert.True(await Boxes.RevokeAsync("xx-town"));
        Refused(await Ingest.IngestAsync(box.Request(box.Batch(1, box.Tickets(1, 1))), default), 403, UplinkErrorCodes.Revoked);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Another_boxs_key_cannot_sign_for_a_box()
    {
        var a = await EnrolledAsync("box-a");
        var b = await EnrolledAsync("box-b");

        // B's key, claiming to be A: the signature does not match A's enrolled key.
        Refused(await Ingest.IngestAsync(b.Request(a.Batch(1, a.Tickets(1, 1)), signer: b.Key, headerBox: "box-a"), default), 401, UplinkErrorCodes.BadSignature);

        // B signing as itself, but the batch names A.
        Refused(await Ingest.IngestAsync(b.Request(a.Batch(1, a.Tickets(1, 1)), headerBox: "box-b"), default), 403, UplinkErrorCodes.WrongBox);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_tampered_body_is_refused()
    {
        var box = await EnrolledAsync("xx-town");
        var request = box.Request(box.Batch(1, box.Tickets(1, 1)), tamper: body =>
        {
            var altered = (byte[])body.Clone();
            altered[^1] ^= 0x01;
            return altered;
        });
        Refused(await Ingest.IngestAsync(request, default), 401, UplinkErrorCodes.BadSignature);
        Refused(await Ingest.IngestAsync(box.Request(box.Batch(1, box.Tickets(1, 1))) with { Signature = null }, default), 401, UplinkErrorCodes.BadSignature);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_replayed_nonce_is_refused_with_the_last_one()
    {
        var box = await EnrolledAsync("xx-town");
        var request = box.Request(box.Batch(1, box.Tickets(1, 2)));
        Ok(await Ingest.IngestAsync(request, default));
        var refusal = Refused(await Ingest.IngestAsync(request, default), 409, UplinkErrorCodes.Replayed);
        Assert.Equal(long.Parse(request.Nonce!, CultureInfo.InvariantCulture), refusal.LastNonce);

        // An older nonce with a fresh body is refused too.
        Refused(await Ingest.IngestAsync(box.Request(box.Batch(1, box.Tickets(3, 3)), nonce: 5), default), 409, UplinkErrorCodes.Replayed);
        Assert.Equal(2, await CountAsync("events"));
    }

    [Fact]
    public async Task Bad_batches_and_too_many_events_are_refused()
    {
        var box = await EnrolledAsync("xx-town");
        var notBrotli = Encoding.UTF8.GetBytes("{\"v\":1}");
        var signature = box.Key.Sign(UplinkProtocol.SigningBytes("POST", UplinkProtocol.EventsPath, box.BoxId, 5000, notBrotli));
        Refused(await Ingest.IngestAsync(new IngestRequest(box.BoxId, "5000", signature, notBrotli), default), 400, UplinkErrorCodes.BadBatch);

        var holes = box.Tickets(1, 3).Where(e => e.Seq != 2).ToList();
        Refused(await Ingest.IngestAsync(box.Request(box.Batch(1, holes)), default), 400, UplinkErrorCodes.BadBatch);

        Options.MaxBatchEvents = 2;
        Refused(await Ingest.IngestAsync(box.Request(box.Batch(1, box.Tickets(1, 3))), default), 413, UplinkErrorCodes.TooLarge);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task SkipTo_moves_the_mark_and_counts_the_lost_events()
    {
        var box = await EnrolledAsync("xx-town");
        Ok(await Ingest.IngestAsync(box.Request(box.Batch(1, box.Tickets(1, 3))), default));
        var answer = Ok(await Ingest.IngestAsync(box.Request(box.Batch(1, box.Tickets(10, 12), skipTo: 10)), default));

        Assert.Equal((12L, 3), (answer.Mark, answer.Stored));
        Assert.Equal(6, await ScalarAsync("SELECT lost FROM box_epochs WHERE epoch = '3f9c0a6b12d4e587'"));
    }

    [Fact]
    public async Task Facts_are_derived_in_the_same_transaction_and_counted_right()
    {
        var box = await EnrolledAsync("xx-town");
        var t = box.Clock;
        var pack = HallJson.SerializeToString(new { inspectionId = "I-1", applicationId = "APP-1", itemCode = "FOOD", passed = false, failedCheckpoints = new[] { "sink" }, checkedAt = t });
        var events = new List<object[]>
        {
            new object[] { "TicketIssued", new { ts = t, ticketNo = "A001", category = "A", issuedAt = t } },
            new object[] { "TicketIssued", new { ts = t, ticketNo = "A002", category = "A", priority = "elderly", issuedAt = t.AddSeconds(5) } },
            new object[] { "TicketIssued", new { ts = t, ticketNo = "B001", category = "B", issuedAt = t.AddSeconds(9) } },
            new object[] { "TicketCalled", new { ts = t.AddMinutes(2), ticketNo = "A001", category = "A", counter = "1", recall = false, staffId = "s1" } },
            new object[] { "TicketCalled", new { ts = t.AddMinutes(3), ticketNo = "A001", category = "A", counter = "1", recall = true, staffId = "s1" } },
            new object[] { "TicketFinished", new { ts = t.AddMinutes(12), ticketNo = "A001", category = "A", counter = "1", staffId = "s1", calledAt = t.AddMinutes(2) } },
            new object[] { "TicketSkipped", new { ts = t.AddMinutes(13), ticketNo = "A002", category = "A", counter = "1" } },
            new object[] { "RatingAccepted", new { ts = t.AddMinutes(13), ratingId = "R-1", ticketNo = "A001", counter = "1", staffId = "s1", level = 5, channel = "evaluator", reasons = Array.Empty<string>() } },
            new object[] { "RatingAccepted", new { ts = t.AddMinutes(14), ratingId = "R-2", ticketNo = "B001", counter = "2", level = 2, channel = "evaluator", caseId = "C-9" } },
            new object[] { "RatingTimedOut", new { ts = t.AddMinutes(15), serviceId = "S-7", ticketNo = "B002", counter = "2", result = "not-rated" } },
            new object[] { "BadReviewCase", new { ts = t.AddMinutes(14), step = new { action = "open", who = "box" }, @case = new { caseId = "C-9", ratingId = "R-2", ticketNo = "B001", counter = "2", level = 2, state = "open", openedAt = t.AddMinutes(14) } } },
            new object[] { "BadReviewCase", new { ts = t.AddMinutes(20), step = new { action = "call-back", who = "duty" }, @case = new { caseId = "C-9", ratingId = "R-2", ticketNo = "B001", counter = "2", level = 2, state = "called-back", openedAt = t.AddMinutes(14) } } },
            new object[] { "AbsenceRecorded", new { ts = t.AddMinutes(30), counter = "1", staffId = "s1", start = t.AddMinutes(20), end = t.AddMinutes(30) } },
            new object[] { "AlertRaised", new { ts = t.AddMinutes(30), alert = new { ts = t.AddMinutes(30), type = "staff-absent", message = "1号窗口离岗", counter = "1", active = true } } },
            new object[] { "InspectionVerdict", new { pack, signature = box.Key.Sign(pack), keyId = box.Key.KeyId, publicKey = box.Key.PublicKey, algorithm = "ES256" } },
            new object[] { "DeviceEnrolled", new { ts = t, deviceId = "k1", role = "kiosk" } },
        };
        var batch = box.Batch(1, [.. events.Select((e, i) => TestBox.Event(i + 1, (string)e[0], e[1], t))]);
        Ok(await Ingest.IngestAsync(box.Request(batch), default));

        // Sent again under a new epoch numbering would double; the same events again must not.
        Ok(await Ingest.IngestAsync(box.Request(batch), default));

        Assert.Equal(16, await CountAsync("events"));
        Assert.Equal(3, await CountAsync("tickets"));
        Assert.Equal(2, await CountAsync("calls"));
        Assert.Equal(1, await CountAsync("services"));
        Assert.Equal(3, await CountAsync("ratings"));
        Assert.Equal(7, await ScalarAsync("SELECT sum(level) FROM ratings"));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM ratings WHERE level IS NULL AND result = 'not-rated'"));
        Assert.Equal(["called-back"], await StringsAsync("SELECT state FROM bad_review_cases"));
        Assert.Equal(1, await CountAsync("absences"));
        Assert.Equal(1, await CountAsync("alerts"));
        Assert.Equal(["failed"], await StringsAsync("SELECT verdict FROM inspection_verdicts"));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM evidence_packs WHERE verified = " + (Database.Engine == DatabaseEngine.Postgres ? "true" : "1")));
        Assert.Equal(["finished", "skipped"], await StringsAsync("SELECT outcome FROM tickets WHERE outcome IS NOT NULL ORDER BY outcome"));
        Assert.Equal(600, await ScalarAsync("SELECT service_seconds FROM services"));
        Assert.Equal(120, await ScalarAsync("SELECT waited_seconds FROM services"));
    }

    [Fact]
    public async Task Concurrent_batches_of_one_box_never_corrupt_the_mark()
    {
        var box = await EnrolledAsync("xx-town");
        var requests = Enumerable.Range(0, 8).Select(i => box.Request(box.Batch(1, box.Tickets(1, 10 + i)))).ToList();
        var outcomes = await Task.WhenAll(requests.Select(r => Ingest.IngestAsync(r, default)));

        // Some may be refused as replays (a later nonce won the race); every one taken leaves everything up to its mark.
        Assert.Contains(outcomes, o => o.Status == 200);
        var mark = await ScalarAsync("SELECT mark FROM box_epochs WHERE epoch = '3f9c0a6b12d4e587'");
        Assert.Equal(mark, await CountAsync("events"));
        Assert.Equal(mark, await ScalarAsync("SELECT max(seq) FROM events"));
    }

    protected abstract Task<HubDatabase> CreateDatabaseAsync();

    private static UplinkAnswer Ok(IngestOutcome outcome)
    {
        Assert.True(outcome.Status == 200, $"Expected 200, got {outcome.Status} {outcome.Refusal?.Error.Code}: {outcome.Refusal?.Error.Message}");
        return outcome.Answer!;
    }

    private static UplinkRefusal Refused(IngestOutcome outcome, int status, string code)
    {
        Assert.Equal((status, code), (outcome.Status, outcome.Refusal?.Error.Code));
        Assert.False(string.IsNullOrWhiteSpace(outcome.Refusal!.Error.Message));
        return outcome.Refusal;
    }

    private async Task<TestBox> EnrolledAsync(string boxId)
    {
        var box = new TestBox(boxId);
        _boxes.Add(box);
        await Boxes.EnrollAsync(boxId, box.Key.PublicKey, replace: false);
        return box;
    }

    private async Task AssertNothingStoredAsync()
    {
        Assert.Equal(0, await CountAsync("events"));
        Assert.Equal(0, await CountAsync("box_epochs"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM boxes WHERE last_nonce <> 0"));
    }

    private Task<long> CountAsync(string table) => ScalarAsync($"SELECT count(*) FROM {table}");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Test queries.
        command.CommandText = sql;
#pragma warning restore CA2100
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? 0 : (long)Math.Round(Convert.ToDouble(value, CultureInfo.InvariantCulture));
    }

    private async Task<List<string>> StringsAsync(string sql)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Test queries.
        command.CommandText = sql;
#pragma warning restore CA2100
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
