using Hall.Queue.Domain;
using Hall.Queue.Estimation;

namespace Hall.Queue.Tests;

public sealed class WaitEstimatorTests
{
    /// <summary>
    /// Counter 1 serves A only; counter 2 serves B first and A only when no B waits; counter 3 serves B only.
    /// A takes 5 minutes, B 20. Six B and four A wait; a new A ticket comes. The plain estimate counts counter 2 as
    /// a full A counter; in truth it is busy with B for the next 40 minutes.
    /// </summary>
    [Fact]
    public void The_simulation_beats_the_plain_estimate_with_mixed_counters()
    {
        var engine = Engines.Create(new QueueOptions(), ("1", ["A"], null), ("2", ["B", "A"], null), ("3", ["B"], null));
        engine.ServiceTimes.Add("A", TimeSpan.FromMinutes(5));
        engine.ServiceTimes.Add("B", TimeSpan.FromMinutes(20));
        var now = QueueFixture.Morning;
        for (var i = 0; i < 6; i++)
        {
            engine.Issue(now, "B", null, null, null);
        }

        for (var i = 0; i < 4; i++)
        {
            engine.Issue(now, "A", null, null, null);
        }

        var smart = engine.EstimateFor("A", priority: false, now);
        var openForA = engine.Counters.Count(c => c.Serves("A"));
        var plain = WaitEstimator.PlainEstimate(smart.WaitingAhead, engine.ServiceTimes.Mean("A"), openForA);
        var ticket = engine.Issue(now, "A", null, null, null).Ticket!;
        var actual = RunHall(engine, ticket, now);

        Assert.Equal(4, smart.WaitingAhead);
        Assert.Equal(TimeSpan.FromMinutes(20), actual);
        Assert.True(
            (smart.Wait - actual).Duration() < (plain - actual).Duration(),
            $"simulation {smart.Wait}, plain {plain}, actual {actual}");
    }

    [Fact]
    public void A_ticket_in_service_delays_the_start()
    {
        var request = new WaitEstimateRequest(
            "A",
            Priority: false,
            Waiting: [new WaitingTicketInfo("A", false)],
            Counters: [new CounterLoad("1", ["A"], Open: true, RemainingService: TimeSpan.FromMinutes(3))],
            MeanServiceTimes: new Dictionary<string, TimeSpan> { ["A"] = TimeSpan.FromMinutes(10) },
            DefaultServiceTime: TimeSpan.FromMinutes(8));

        var estimate = WaitEstimator.Estimate(request);

        Assert.Equal(TimeSpan.FromMinutes(13), estimate.Wait);
        Assert.Equal(13, estimate.Minutes);
        Assert.Equal(TimeSpan.FromMinutes(10), WaitEstimator.PlainEstimate(1, TimeSpan.FromMinutes(10), 1));
    }

    [Fact]
    public void With_no_open_counter_for_the_category_the_estimate_says_so()
    {
        var request = new WaitEstimateRequest("A", false, [new WaitingTicketInfo("A", false)], [new CounterLoad("4", ["B"], true, TimeSpan.Zero)], new Dictionary<string, TimeSpan>(), TimeSpan.FromMinutes(8));

        var estimate = WaitEstimator.Estimate(request);

        Assert.False(estimate.Served);
        Assert.Equal(1, estimate.WaitingAhead);
        Assert.Equal(TimeSpan.FromMinutes(8), estimate.Wait);
    }

    /// <summary>Drives the real engine: every free counter presses next, every service lasts its category's mean.</summary>
    private static TimeSpan RunHall(QueueEngine engine, Ticket target, DateTimeOffset start)
    {
        var freeAt = engine.Counters.ToDictionary(c => c.Id, _ => start);
        for (var step = 0; step < 100; step++)
        {
            var (id, at) = freeAt.MinBy(kv => kv.Value);
            var outcome = engine.Next(at, id);
            if (!outcome.Ok)
            {
                freeAt.Remove(id);
                continue;
            }

            var called = engine.FindCounter(id)!.Current!;
            if (called == target)
            {
                return at - start;
            }

            freeAt[id] = at + engine.ServiceTimes.Mean(called.Category);
        }

        throw new InvalidOperationException("the ticket was never called");
    }
}
