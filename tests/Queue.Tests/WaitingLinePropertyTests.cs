using CsCheck;
using Hall.Queue.Domain;
using Hall.Queue.Estimation;

namespace Hall.Queue.Tests;

/// <summary>
/// The engine keeps the waiting line, its counts and the wait estimate incrementally (so a long queue does not slow
/// issuing down). Checked here against the plain definitions over random days and random queues: the line is every
/// waiting ticket in issue order, the board's counts are those tickets per category, and the kiosk's estimate is the
/// ticket-by-ticket simulation over that line.
/// </summary>
public sealed class WaitingLinePropertyTests
{
    private static readonly string[] Categories = ["A", "B"];
    private static readonly string[][] CategorySets = [["A"], ["B"], ["A", "B"], ["B", "A"]];

    [Fact]
    public void The_estimate_is_the_ticket_by_ticket_simulation_for_short_and_long_queues()
    {
        Gen.Int.Sample(seed =>
        {
            var request = RandomRequest(new Random(seed));
            Assert.Equal(ReferenceEstimator.Estimate(request), WaitEstimator.Estimate(request));
        }, iter: 400);
    }

    [Fact]
    public void A_long_queue_of_many_categories_gets_the_same_estimate_as_ticket_by_ticket()
    {
        // The benchmark's hall: eight categories, four counters each starting from a different one, thousands waiting.
        string[] categories = ["A", "B", "C", "D", "E", "F", "G", "H"];
        var waiting = Enumerable.Range(0, 7900).Select(i => new WaitingTicketInfo(categories[i % 8], i % 7 == 0, i % 997 == 0 ? "2" : null)).ToList();
        var counters = Enumerable.Range(0, 4)
            .Select(c => new CounterLoad((c + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Enumerable.Range(0, 8).Select(k => categories[(k + c) % 8]).ToList(), true, TimeSpan.FromMinutes(c)))
            .ToList();
        var means = new Dictionary<string, TimeSpan> { ["A"] = TimeSpan.FromMinutes(3), ["B"] = TimeSpan.FromSeconds(417) };
        foreach (var category in categories)
        {
            foreach (var priority in new[] { false, true })
            {
                var request = new WaitEstimateRequest(category, priority, waiting, counters, means, TimeSpan.FromMinutes(8));
                Assert.Equal(ReferenceEstimator.Estimate(request), WaitEstimator.Estimate(request));
            }
        }
    }

    [Fact]
    public void The_line_counts_and_estimates_follow_every_command_of_a_day()
    {
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var counters = Enumerable.Range(1, 3)
                .Select(i => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), CategorySets[rng.Next(CategorySets.Length)], (string?)null))
                .ToArray();
            var engine = Engines.Create(new QueueOptions { MaxOvertakes = rng.Next(0, 4) }, counters);
            var now = QueueFixture.Morning;
            var steps = rng.Next(1, 120);
            for (var step = 0; step < steps; step++)
            {
                now = now.AddSeconds(rng.Next(0, 90));
                Act(engine, rng, ref now, counters);
                Check(engine, now);
            }
        }, iter: 50);
    }

    private static void Act(QueueEngine engine, Random rng, ref DateTimeOffset now, (string Id, string[] Categories, string? Rule)[] counters)
    {
        var counter = counters[rng.Next(counters.Length)].Id;
        var waiting = engine.Waiting.ToList();
        var someWaiting = waiting.Count == 0 ? "A001" : waiting[rng.Next(waiting.Count)].TicketNo;
        switch (rng.Next(12))
        {
            case 0 or 1 or 2 or 3:
                engine.Issue(now, Categories[rng.Next(2)], rng.Next(3) == 0 ? "elderly" : null, null, null);
                break;
            case 4:
                // A rush: enough tickets for the estimate to take turns in bulk.
                for (var i = 0; i < 150; i++)
                {
                    engine.Issue(now, Categories[rng.Next(2)], rng.Next(4) == 0 ? "green" : null, null, null);
                }

                break;
            case 5:
                engine.Next(now, counter);
                break;
            case 6:
                engine.Call(now, counter, someWaiting);
                break;
            case 7:
                if (rng.Next(2) == 0)
                {
                    engine.Transfer(now, counter, Categories[rng.Next(2)], null);
                }
                else
                {
                    engine.Transfer(now, counter, null, counters[rng.Next(counters.Length)].Id);
                }

                break;
            case 8:
                engine.Recall(now, counter);
                engine.Skip(now, counter);
                break;
            case 9:
                engine.Finish(now, counter);
                break;
            case 10:
                engine.CancelTicket(now, someWaiting);
                break;
            default:
                if (rng.Next(8) == 0)
                {
                    // The hall's midnight: yesterday's waiting tickets leave the line.
                    now = now.AddDays(1);
                    engine.Roll(now);
                }
                else
                {
                    engine.Reprint(now, someWaiting);
                }

                break;
        }
    }

    private static void Check(QueueEngine engine, DateTimeOffset now)
    {
        var expected = engine.Tickets.Where(t => t.Status == TicketStatus.Waiting).Order(IssueOrder.Instance).ToList();
        Assert.Equal(expected, engine.Waiting.ToList());

        var counts = engine.WaitingCounts();
        Assert.Equal(Categories, counts.Keys);
        foreach (var category in Categories)
        {
            Assert.Equal(expected.Count(t => t.Category == category), counts[category]);
        }

        var infos = expected.Select(t => new WaitingTicketInfo(t.Category, t.IsPriority, t.ForCounter)).ToList();
        foreach (var category in Categories)
        {
            foreach (var priority in new[] { false, true })
            {
                var reference = ReferenceEstimator.Estimate(new WaitEstimateRequest(category, priority, infos, engine.CounterLoads(now), engine.ServiceTimes.Means(Categories), engine.ServiceTimes.Default));
                Assert.Equal(reference, engine.EstimateFor(category, priority, now));
            }
        }
    }

    private static WaitEstimateRequest RandomRequest(Random rng)
    {
        var categories = Enumerable.Range(0, rng.Next(1, 6)).Select(i => ((char)('A' + i)).ToString()).ToArray();
        var counters = new List<CounterLoad>();
        var counterCount = rng.Next(1, 7);
        for (var c = 0; c < counterCount; c++)
        {
            var serves = categories.OrderBy(_ => rng.Next()).Take(rng.Next(1, categories.Length + 1)).ToList();
            if (rng.Next(10) == 0)
            {
                serves.Add("Z");
            }

            var remaining = rng.Next(3) == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(rng.Next(rng.Next(2) == 0 ? 5 : 900));
            counters.Add(new CounterLoad((c + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), serves, rng.Next(5) != 0, remaining));
        }

        var count = rng.Next(3) == 0 ? rng.Next(0, 3000) : rng.Next(0, 60);
        var waiting = new List<WaitingTicketInfo>(count);
        for (var i = 0; i < count; i++)
        {
            var forCounter = rng.Next(30) == 0 ? rng.Next(1, counterCount + 2).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            waiting.Add(new WaitingTicketInfo(categories[rng.Next(categories.Length)], rng.Next(4) == 0, forCounter));
        }

        // Some categories measured (a few at zero: a service finished the instant it was called), some not.
        var means = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var category in categories)
        {
            var roll = rng.Next(6);
            if (roll > 0)
            {
                means[category] = roll == 1 ? TimeSpan.Zero : TimeSpan.FromSeconds(rng.Next(1, rng.Next(2) == 0 ? 20 : 1200));
            }
        }

        return new WaitEstimateRequest(categories[rng.Next(categories.Length)], rng.Next(3) == 0, waiting, counters, means, TimeSpan.FromMinutes(rng.Next(1, 10)));
    }
}
