namespace Hall.Queue.Tests;

public sealed class AdminTests
{
    [Fact]
    public async Task A_fresh_box_has_the_demo_catalogue()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();

        var snapshot = queue.GetSnapshot();

        Assert.Equal(["A", "B"], snapshot.Categories.Select(c => c.Prefix));
        Assert.Equal("公民类", snapshot.Categories[0].Name);
        Assert.Equal(["1", "2", "3", "4"], snapshot.Counters.Select(c => c.Counter));
        Assert.Equal(["B", "A"], snapshot.Counters[2].Categories);
    }

    [Fact]
    public async Task Categories_and_counters_are_created_validated_and_kept()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();

        var created = await queue.CreateCategoryAsync(new CategoryDefinition { Prefix = "c", Name = "社保医保" });
        var duplicate = await queue.CreateCategoryAsync(new CategoryDefinition { Prefix = "C", Name = "again" });
        var badPrefix = await queue.CreateCategoryAsync(new CategoryDefinition { Prefix = "CC", Name = "x" });
        var counter = await queue.CreateCounterAsync(new CounterDefinition { Id = "5", Name = "5号窗口", Categories = ["C", "A"], Interleave = "3:1" });
        var badCounter = await queue.CreateCounterAsync(new CounterDefinition { Id = "6", Categories = ["Q"] });
        var badRule = await queue.UpdateCounterAsync(new CounterDefinition { Id = "5", Interleave = "x" });
        var missing = await queue.UpdateCategoryAsync(new CategoryDefinition { Prefix = "Y", Name = "y" });

        Assert.True(created.Ok);
        Assert.Equal(ErrorCodes.InvalidField, duplicate.Error!.Code);
        Assert.Equal(ErrorCodes.InvalidField, badPrefix.Error!.Code);
        Assert.True(counter.Ok);
        Assert.Equal(["C", "A"], counter.Counter!.Categories);
        Assert.Equal(ErrorCodes.UnknownCategory, badCounter.Error!.Code);
        Assert.Equal(ErrorCodes.InvalidField, badRule.Error!.Code);
        Assert.Equal(ErrorCodes.UnknownCategory, missing.Error!.Code);

        await fx.StopAsync(queue);
        var restarted = await fx.CreateServiceAsync();
        Assert.Equal("closed", restarted.GetCounterState("5")!.Status); // a new counter opens when staff sign in or the admin opens it
        Assert.True((await restarted.OpenCounterAsync("5")).Ok);
        Assert.Equal("C001", (await restarted.TakeAsync("C")).TicketNo);
        Assert.Equal("C001", (await restarted.CounterAsync("5", "next").OkAsync()).TicketNo);
    }

    [Fact]
    public async Task A_closed_category_issues_no_tickets()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();

        await queue.UpdateCategoryAsync(new CategoryDefinition { Prefix = "B", Active = false });
        var reply = Assert.IsType<ErrorReply>(await queue.HandleTicketAsync(QueueFixture.Kiosk, new TicketRequest { RequestId = "1", Category = "B" }, CancellationToken.None));

        Assert.Equal(ErrorCodes.CategoryClosed, reply.Error.Code);
    }

    [Fact]
    public async Task Counters_are_opened_and_closed_by_the_admin_but_not_while_serving()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();
        await queue.TakeAsync("A");
        await queue.CounterAsync("1", "next").OkAsync();

        var busy = await queue.CloseCounterAsync("1");
        var closed = await queue.CloseCounterAsync("2");
        var refused = await queue.CounterAsync("2", "next").ErrorAsync();
        var opened = await queue.OpenCounterAsync("2");
        var unknown = await queue.OpenCounterAsync("77");

        Assert.Equal(ErrorCodes.CounterBusy, busy.Error!.Code);
        Assert.Equal("closed", closed.Counter!.Status);
        Assert.Equal(ErrorCodes.CounterClosed, refused.Code);
        Assert.Equal("open", opened.Counter!.Status);
        Assert.Equal(ErrorCodes.UnknownCounter, unknown.Error!.Code);
        await fx.SettledAsync();
        Assert.Equal("closed", fx.Publisher.Of<CounterStateMessage>(Topics.CounterState("h1", "2"))[0].Status);
    }

    [Fact]
    public async Task Retained_counter_states_are_published_again_after_a_box_start()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();

        await queue.RestoreRetainedAsync();

        await fx.SettledAsync();
        var retained = fx.Publisher.Published.Where(p => p.Retain).Select(p => p.Topic).ToList();
        Assert.Equal(new[] { "1", "2", "3", "4" }.Select(c => Topics.CounterState("h1", c)), retained);
    }

    [Fact]
    public async Task A_cancelled_ticket_counts_as_a_walk_out()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();
        await queue.TakeAsync("A");

        var result = await queue.CancelTicketAsync("A001");

        Assert.True(result.Ok);
        Assert.Equal(1, queue.GetSnapshot().Counts.WalkOuts);
        Assert.Equal(0, queue.GetSnapshot().Counts.NoShows);
    }
}
