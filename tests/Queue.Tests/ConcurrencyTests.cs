namespace Hall.Queue.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Counters_pressing_next_together_never_get_the_same_ticket()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();
        await Task.WhenAll(Enumerable.Range(0, 120).Select(i => queue.TakeAsync(i % 3 == 0 ? "B" : "A", i % 7 == 0 ? "elderly" : null)));

        var presses = Enumerable.Range(0, 200).Select(i => queue.CounterAsync(((i % 4) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "next"));
        var replies = await Task.WhenAll(presses);

        var called = replies.OfType<CounterStateMessage>().Select(s => s.TicketNo!).ToList();
        Assert.Equal(120, called.Count);
        Assert.Equal(called.Count, called.Distinct().Count());
        Assert.All(replies.OfType<ErrorReply>(), e => Assert.Equal(ErrorCodes.NoWaitingTicket, e.Error.Code));
        Assert.Equal(120, fx.Scalar("SELECT count(*) FROM outbox WHERE type = 'TicketCalled'"));
        Assert.Equal(120, fx.Scalar("SELECT count(DISTINCT ticket_no) FROM queue_tickets WHERE status IN ('called', 'finished')"));
    }

    [Fact]
    public async Task Counter_states_are_published_in_commit_order()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => queue.TakeAsync("A")));

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => queue.CounterAsync("1", "next")));

        await fx.SettledAsync();
        // The last retained state of counter 1 is the state it is in, and each called ticket came after the one before.
        var states = fx.Publisher.Of<CounterStateMessage>(Topics.CounterState("h1", "1"));
        Assert.Equal(queue.GetCounterState("1")!.TicketNo, states[^1].TicketNo);
        var numbers = states.Where(s => s.TicketNo is not null).Select(s => s.TicketNo!).ToList();
        Assert.Equal(numbers.Order(StringComparer.Ordinal), numbers);
        var calls = fx.Handler.Events.OfType<Hall.Contract.Events.TicketCalled>().Select(c => c.TicketNo).ToList();
        Assert.Equal(calls.Order(StringComparer.Ordinal), calls);
    }
}
