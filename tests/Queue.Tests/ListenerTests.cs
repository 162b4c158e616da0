using System.Text;
using Hall.Contract.Events;
using Hall.Tests.Shared;

namespace Hall.Queue.Tests;

/// <summary>Replies go out once committed; what listens afterwards (display, reports, ratings) never holds them back.</summary>
public sealed class ListenerTests
{
    [Fact]
    public async Task A_stalled_listener_does_not_delay_tickets_or_calls_and_its_backlog_shows_in_the_metrics()
    {
        await using var fx = new QueueFixture();
        var stalled = new StalledListener();
        var queue = await fx.CreateServiceAsync(listener: stalled);

        var tickets = new List<TicketReply>();
        for (var i = 0; i < 30; i++)
        {
            tickets.Add(await queue.TakeAsync("A"));
        }

        var called = await queue.CounterAsync("1", "next").OkAsync();

        Assert.Equal(30, tickets.Select(t => t.TicketNo).Distinct().Count());
        Assert.Equal("A001", called.TicketNo);
        var metrics = new StringBuilder();
        fx.WriterOf(queue).Dispatcher.RenderMetrics(metrics);
        Assert.Matches("hall_listener_backlog\\{listener=\"StalledListener\"\\} [1-9][0-9]*", metrics.ToString());
        stalled.Release();
    }

    [Fact]
    public async Task Rate_before_next_is_asked_about_the_service_just_finished_even_before_any_listener_saw_it()
    {
        await using var fx = new QueueFixture();
        var stalled = new StalledListener();
        var gate = new PendingRatings();
        var queue = await fx.CreateServiceAsync(listener: stalled, ratingGate: gate);
        await queue.TakeAsync("A");
        await queue.TakeAsync("A");
        await queue.CounterAsync("1", "next").OkAsync();

        await queue.CounterAsync("1", "finish").OkAsync();
        var refused = await queue.CounterAsync("1", "next").ErrorAsync();

        Assert.Equal(ErrorCodes.RatingPending, refused.Code);
        Assert.Equal(("1", "A001"), gate.Asked.Single());
        Assert.Equal(0, stalled.Handled);
        stalled.Release();
    }

    /// <summary>Every finished service still waits for its rating.</summary>
    private sealed class PendingRatings : IRatingGate
    {
        public List<(string Counter, string TicketNo)> Asked { get; } = [];

        public bool MustWaitForRating(string counter, string ticketNo, DateTimeOffset finishedAt)
        {
            Asked.Add((counter, ticketNo));
            return true;
        }
    }
}
