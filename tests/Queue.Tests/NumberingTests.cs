namespace Hall.Queue.Tests;

public sealed class NumberingTests
{
    [Fact]
    public async Task Each_category_counts_its_own_numbers()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();

        var numbers = new[]
        {
            (await queue.TakeAsync("A")).TicketNo,
            (await queue.TakeAsync("A")).TicketNo,
            (await queue.TakeAsync("b")).TicketNo,
            (await queue.TakeAsync("A", "green")).TicketNo,
        };

        Assert.Equal(["A001", "A002", "B001", "A003"], numbers);
    }

    [Fact]
    public async Task Numbers_restart_at_the_halls_midnight_and_yesterdays_waiting_tickets_are_walk_outs()
    {
        // 23:59 in Shanghai is 15:59 UTC: the day must follow the hall's clock, not UTC.
        await using var fx = new QueueFixture(new DateTimeOffset(2025, 3, 10, 23, 59, 0, TimeSpan.FromHours(8)));
        var queue = await fx.CreateServiceAsync();
        Assert.Equal("A001", (await queue.TakeAsync("A")).TicketNo);
        Assert.Equal("A002", (await queue.TakeAsync("A")).TicketNo);

        fx.Time.Advance(TimeSpan.FromMinutes(2));
        var first = await queue.TakeAsync("A");

        Assert.Equal("A001", first.TicketNo);
        Assert.Equal(new DateTimeOffset(2025, 3, 11, 0, 1, 0, TimeSpan.FromHours(8)), first.IssuedAt);
        Assert.Equal(TimeSpan.FromHours(8), first.IssuedAt.Offset);
        Assert.Equal(0, first.WaitingAhead);
        Assert.Equal(2, fx.Scalar("SELECT count(*) FROM queue_tickets WHERE day = '2025-03-10' AND status = 'walk-out'"));
        var snapshot = queue.GetSnapshot();
        Assert.Equal(1, snapshot.Counts.Issued);
        Assert.Equal(["A001"], snapshot.Waiting["A"].Select(t => t.TicketNo));
    }

    [Fact]
    public async Task A_restarted_box_never_reuses_a_number_of_the_day()
    {
        await using var fx = new QueueFixture();
        var before = await fx.CreateServiceAsync();
        await before.TakeAsync("A");
        await before.TakeAsync("A");
        await before.TakeAsync("A");
        await (before.CounterAsync("1", "next")).OkAsync();
        await fx.StopAsync(before);

        var after = await fx.CreateServiceAsync();
        var next = await after.TakeAsync("A");

        Assert.Equal("A004", next.TicketNo);
        Assert.Equal(2, next.WaitingAhead); // A001 is in service at counter 1
        var counter = after.GetCounterState("1")!;
        Assert.Equal("A001", counter.TicketNo);
    }

    [Fact]
    public async Task A_ticket_tells_people_ahead_and_a_wait_estimate()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync(o => o.DefaultServiceTime = TimeSpan.FromMinutes(6));
        for (var i = 0; i < 6; i++)
        {
            await queue.TakeAsync("A");
        }

        var reply = await queue.TakeAsync("A");

        Assert.Equal(6, reply.WaitingAhead);
        Assert.Equal("公民类", reply.CategoryName);
        Assert.True(reply.EstimatedWaitMinutes > 0);
    }
}
