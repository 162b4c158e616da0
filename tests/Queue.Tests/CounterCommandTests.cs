using Hall.Contract.Events;

namespace Hall.Queue.Tests;

public sealed class CounterCommandTests
{
    [Fact]
    public async Task Next_finishes_the_current_ticket_and_calls_the_next()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();
        await queue.TakeAsync("A");
        await queue.TakeAsync("A");

        var first = await queue.CounterAsync("1", "next").OkAsync();
        fx.Time.Advance(TimeSpan.FromMinutes(4));
        var second = await queue.CounterAsync("1", "next").OkAsync();

        Assert.Equal("A001", first.TicketNo);
        Assert.Equal("A002", second.TicketNo);
        Assert.Equal("open", second.Status);
        await fx.SettledAsync();
        var finished = Assert.Single(fx.Handler.Events.OfType<TicketFinished>());
        Assert.Equal("A001", finished.TicketNo);
        Assert.Equal(1, queue.GetSnapshot().Counts.Finished);
        Assert.Equal(4.0, queue.GetSnapshot().Categories.Single(c => c.Prefix == "A").MeanServiceMinutes);
        await fx.SettledAsync();
        var retained = fx.Publisher.Published.Last(p => p.Topic == Topics.CounterState("h1", "1"));
        Assert.True(retained.Retain);
        Assert.Equal("A002", ((CounterStateMessage)retained.Payload).TicketNo);
    }

    [Fact]
    public async Task Finish_tells_the_rating_side_which_item_was_served_and_by_whom()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();
        await queue.TakeAsync("A");
        await queue.CounterAsync("1", "next").OkAsync();

        var reply = await queue.HandleCounterAsync(
            QueueFixture.Caller("1"),
            new CounterRequest { RequestId = Guid.NewGuid().ToString("N"), Cmd = "finish", ServiceItem = "370100-001", CaseNumber = "SD2026112300017" },
            CancellationToken.None);

        Assert.IsType<CounterStateMessage>(reply);
        await fx.SettledAsync();
        var finished = Assert.Single(fx.Handler.Events.OfType<TicketFinished>());
        Assert.Equal("A001", finished.TicketNo);
        Assert.Equal("370100-001", finished.ServiceItem);
        Assert.Equal("SD2026112300017", finished.CaseNumber);
    }

    [Fact]
    public async Task Next_with_nobody_waiting_says_so_and_keeps_the_current_ticket()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();
        await queue.TakeAsync("A");
        await queue.CounterAsync("1", "next").OkAsync();

        var error = await queue.CounterAsync("1", "next").ErrorAsync();

        Assert.Equal(ErrorCodes.NoWaitingTicket, error.Code);
        Assert.Contains("A001", error.Message, StringComparison.Ordinal);
        Assert.Equal("A001", queue.GetCounterState("1")!.TicketNo);
    }

    [Fact]
    public async Task Recall_is_capped()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync(o => o.MaxRecalls = 2);
        await queue.TakeAsync("A");
        await queue.CounterAsync("1", "next").OkAsync();

        Assert.Equal(1, (await queue.CounterAsync("1", "recall").OkAsync()).Recalls);
        Assert.Equal(2, (await queue.CounterAsync("1", "recall").OkAsync()).Recalls);
        var error = await queue.CounterAsync("1", "recall").ErrorAsync();

        Assert.Equal(ErrorCodes.RecallLimit, error.Code);
        await fx.SettledAsync();
        Assert.Equal(2, fx.Handler.Events.OfType<TicketCalled>().Count(c => c.Recall));
    }

    [Fact]
    public async Task Skip_needs_the_recalls_first_and_records_a_no_show_not_a_walk_out()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync(o => o.RecallsBeforeSkip = 2);
        await queue.TakeAsync("A");
        await queue.CounterAsync("1", "next").OkAsync();
        await queue.CounterAsync("1", "recall").OkAsync();

        var early = await queue.CounterAsync("1", "skip").ErrorAsync();
        await queue.CounterAsync("1", "recall").OkAsync();
        var after = await queue.CounterAsync("1", "skip").OkAsync();

        Assert.Equal(ErrorCodes.SkipTooEarly, early.Code);
        Assert.Null(after.TicketNo);
        var counts = queue.GetSnapshot().Counts;
        Assert.Equal(1, counts.NoShows);
        Assert.Equal(0, counts.WalkOuts);
        await fx.SettledAsync();
        Assert.Equal("A001", Assert.Single(fx.Handler.Events.OfType<TicketSkipped>()).TicketNo);
    }

    [Fact]
    public async Task A_transferred_ticket_keeps_its_place_by_issue_time()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();
        await queue.TakeAsync("A");                      // A001, 10:00
        fx.Time.Advance(TimeSpan.FromMinutes(1));
        await queue.TakeAsync("B");                      // B001, 10:01
        fx.Time.Advance(TimeSpan.FromMinutes(1));
        await queue.TakeAsync("B");                      // B002, 10:02
        await queue.CounterAsync("1", "next").OkAsync();  // counter 1 (A only) calls A001

        // A001 belongs to B: sent there, it goes before B001 and B002, which were issued later.
        var state = await queue.CounterAsync("1", "transfer", toCategory: "B").OkAsync();
        var called = await queue.CounterAsync("4", "next").OkAsync();

        Assert.Null(state.TicketNo);
        Assert.Equal("A001", called.TicketNo);
        Assert.Equal(["B001", "B002"], queue.GetSnapshot().Waiting["B"].Select(t => t.TicketNo));
        await fx.SettledAsync();
        var transferred = Assert.Single(fx.Handler.Events.OfType<TicketTransferred>());
        Assert.Equal("B", transferred.ToCategory);
    }

    [Fact]
    public async Task A_ticket_transferred_to_a_counter_waits_for_that_counter_only()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();
        await queue.TakeAsync("A");
        await queue.TakeAsync("A");
        await queue.CounterAsync("1", "next").OkAsync();

        await queue.CounterAsync("1", "transfer", toCounter: "3").OkAsync();
        var atTwo = await queue.CounterAsync("2", "next").OkAsync();
        var atThree = await queue.CounterAsync("3", "next").OkAsync();

        Assert.Equal("A002", atTwo.TicketNo);
        Assert.Equal("A001", atThree.TicketNo);
    }

    [Fact]
    public async Task Transfer_to_an_unknown_category_or_to_itself_is_refused()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();
        await queue.TakeAsync("A");
        await queue.CounterAsync("1", "next").OkAsync();

        Assert.Equal(ErrorCodes.UnknownCategory, (await queue.CounterAsync("1", "transfer", toCategory: "Z").ErrorAsync()).Code);
        Assert.Equal(ErrorCodes.SameTarget, (await queue.CounterAsync("1", "transfer", toCounter: "1").ErrorAsync()).Code);
        Assert.Equal(ErrorCodes.MissingField, (await queue.CounterAsync("1", "transfer").ErrorAsync()).Code);
        Assert.Equal("A001", queue.GetCounterState("1")!.TicketNo);
    }

    [Fact]
    public async Task A_paused_counter_calls_nobody_until_it_resumes()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();
        await queue.TakeAsync("A");

        var paused = await queue.CounterAsync("1", "pause", reason: "午休").OkAsync();
        var refused = await queue.CounterAsync("1", "next").ErrorAsync();
        var resumed = await queue.CounterAsync("1", "resume").OkAsync();
        var called = await queue.CounterAsync("1", "next").OkAsync();

        Assert.Equal("paused", paused.Status);
        Assert.Equal("午休", paused.PauseReason);
        Assert.Equal(ErrorCodes.CounterPaused, refused.Code);
        Assert.Equal("open", resumed.Status);
        Assert.Equal("A001", called.TicketNo);
    }

    [Fact]
    public async Task Call_takes_a_given_waiting_ticket()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();
        await queue.TakeAsync("A");
        await queue.TakeAsync("A");

        var called = await queue.CounterAsync("1", "call", ticketNo: "a002").OkAsync();
        var missing = await queue.CounterAsync("2", "call", ticketNo: "A099").ErrorAsync();
        var notWaiting = await queue.CounterAsync("2", "call", ticketNo: "A002").ErrorAsync();

        Assert.Equal("A002", called.TicketNo);
        Assert.Equal(ErrorCodes.UnknownTicket, missing.Code);
        Assert.Equal(ErrorCodes.TicketNotWaiting, notWaiting.Code);
    }

    [Fact]
    public async Task Finish_ends_the_service_and_the_counter_is_free()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();
        await queue.TakeAsync("A");
        await queue.CounterAsync("1", "next").OkAsync();

        var state = await queue.CounterAsync("1", "finish").OkAsync();
        var again = await queue.CounterAsync("1", "finish").ErrorAsync();

        Assert.Null(state.TicketNo);
        Assert.Equal(ErrorCodes.NoCurrentTicket, again.Code);
    }

    [Fact]
    public async Task Signin_checks_the_pin_and_shows_the_staff_member()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync(o => o.RequireSignIn = true);
        await queue.TakeAsync("A");
        var caller = QueueFixture.Caller("2");

        var notSignedIn = await queue.CounterAsync("2", "next").ErrorAsync();
        var bad = Assert.IsType<ErrorReply>(await queue.HandleCounterAsync(caller, new CounterRequest { RequestId = "s1", Cmd = "signin", StaffId = "s01", Pin = "0000" }, CancellationToken.None));
        var good = Assert.IsType<CounterStateMessage>(await queue.HandleCounterAsync(caller, new CounterRequest { RequestId = "s2", Cmd = "signin", StaffId = "s01", Pin = "1234" }, CancellationToken.None));
        var called = await queue.CounterAsync("2", "next").OkAsync();

        Assert.Equal(ErrorCodes.NotSignedIn, notSignedIn.Code);
        Assert.Equal(ErrorCodes.BadPin, bad.Error.Code);
        Assert.Equal("s01", good.StaffId);
        Assert.Equal("张三", good.StaffName);
        Assert.Equal("s01", called.StaffId);
        await fx.SettledAsync();
        Assert.Equal("s01", Assert.Single(fx.Handler.Events.OfType<TicketCalled>()).StaffId);

        await queue.CounterAsync("2", "finish").OkAsync();
        var left = await queue.CounterAsync("2", "signout").OkAsync();
        Assert.Equal("closed", left.Status);
        Assert.Null(left.StaffId);
    }

    [Fact]
    public async Task Only_kiosks_take_tickets_and_only_callers_command_counters()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();

        var fromCaller = Assert.IsType<ErrorReply>(await queue.HandleTicketAsync(QueueFixture.Caller("1"), new TicketRequest { RequestId = "1", Category = "A" }, CancellationToken.None));
        var fromKiosk = Assert.IsType<ErrorReply>(await queue.HandleCounterAsync(QueueFixture.Kiosk, new CounterRequest { RequestId = "2", Cmd = "next" }, CancellationToken.None));
        var fromDisplay = Assert.IsType<ErrorReply>(await queue.HandleReprintAsync(new DeviceIdentity("d1", DeviceRole.Display, null), new ReprintRequest { RequestId = "3", TicketNo = "A001" }, CancellationToken.None));

        Assert.Equal(ErrorCodes.NotAllowed, fromCaller.Error.Code);
        Assert.Equal(ErrorCodes.NotAllowed, fromKiosk.Error.Code);
        Assert.Equal(ErrorCodes.NotAllowed, fromDisplay.Error.Code);
        Assert.Equal(0, queue.GetSnapshot().Counts.Issued);
    }

    [Fact]
    public async Task Unknown_category_and_unknown_command_get_clear_errors()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();

        var category = Assert.IsType<ErrorReply>(await queue.HandleTicketAsync(QueueFixture.Kiosk, new TicketRequest { RequestId = "1", Category = "Z" }, CancellationToken.None));
        var command = await queue.CounterAsync("1", "dance").ErrorAsync();
        var noCounter = await queue.CounterAsync("9", "next").ErrorAsync();

        Assert.Equal(ErrorCodes.UnknownCategory, category.Error.Code);
        Assert.Contains("没有该业务类别: Z", category.Error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.UnknownCommand, command.Code);
        Assert.Equal(ErrorCodes.UnknownCounter, noCounter.Code);
    }

    [Fact]
    public async Task Priority_tickets_interleave_by_the_counters_rule()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync(o => o.DefaultInterleave = "2:1");
        foreach (var kind in new string?[] { null, null, null, null, "green", "elderly" })
        {
            await queue.TakeAsync("A", kind);
            fx.Time.Advance(TimeSpan.FromSeconds(10));
        }

        var order = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            order.Add((await queue.CounterAsync("1", "next").OkAsync()).TicketNo!);
        }

        Assert.Equal(["A001", "A002", "A005", "A003", "A004", "A006"], order);
    }

    [Fact]
    public async Task One_waiting_ticket_per_id_card_and_category_when_the_hall_asks_for_it()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync(o => o.OneWaitingTicketPerIdCard = true);
        TicketRequest Request(string id, string category, string? card) => new() { RequestId = id, Category = category, IdCard = card };

        var first = Assert.IsType<TicketReply>(await queue.HandleTicketAsync(QueueFixture.Kiosk, Request("1", "A", "11010519491231002X"), CancellationToken.None));
        var hoard = Assert.IsType<ErrorReply>(await queue.HandleTicketAsync(QueueFixture.Kiosk, Request("2", "A", "11010519491231002x"), CancellationToken.None));
        var otherCategory = Assert.IsType<TicketReply>(await queue.HandleTicketAsync(QueueFixture.Kiosk, Request("3", "B", "11010519491231002X"), CancellationToken.None));
        var noCard = Assert.IsType<ErrorReply>(await queue.HandleTicketAsync(QueueFixture.Kiosk, Request("4", "A", null), CancellationToken.None));
        var badCard = Assert.IsType<ErrorReply>(await queue.HandleTicketAsync(QueueFixture.Kiosk, Request("5", "A", "12345"), CancellationToken.None));

        Assert.Equal(ErrorCodes.AlreadyWaiting, hoard.Error.Code);
        Assert.Contains(first.TicketNo, hoard.Error.Message, StringComparison.Ordinal);
        Assert.Equal("B001", otherCategory.TicketNo);
        Assert.Equal(ErrorCodes.MissingField, noCard.Error.Code);
        Assert.Equal(ErrorCodes.InvalidField, badCard.Error.Code);
        Assert.Equal(0, fx.Scalar("SELECT count(*) FROM queue_tickets WHERE id_hash LIKE '%11010519491231002X%'"));
        Assert.Equal(2, fx.Scalar("SELECT count(*) FROM queue_tickets WHERE length(id_hash) = 64"));
    }

    [Fact]
    public async Task Reprint_is_capped()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync(o => o.MaxReprints = 1);
        await queue.TakeAsync("A");
        await queue.TakeAsync("A");

        var reprint = Assert.IsType<TicketReply>(await queue.HandleReprintAsync(QueueFixture.Kiosk, new ReprintRequest { RequestId = "p1", TicketNo = "A002" }, CancellationToken.None));
        var second = Assert.IsType<ErrorReply>(await queue.HandleReprintAsync(QueueFixture.Kiosk, new ReprintRequest { RequestId = "p2", TicketNo = "A002" }, CancellationToken.None));
        var unknown = Assert.IsType<ErrorReply>(await queue.HandleReprintAsync(QueueFixture.Kiosk, new ReprintRequest { RequestId = "p3", TicketNo = "A077" }, CancellationToken.None));

        Assert.True(reprint.Reprint);
        Assert.Equal("A002", reprint.TicketNo);
        Assert.Equal(1, reprint.WaitingAhead);
        Assert.Equal(ErrorCodes.ReprintLimit, second.Error.Code);
        Assert.Equal(ErrorCodes.UnknownTicket, unknown.Error.Code);
    }
}
