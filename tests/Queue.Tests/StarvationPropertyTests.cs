using CsCheck;

namespace Hall.Queue.Tests;

/// <summary>
/// The starvation bound, checked over random days: whatever mix of ordinary and priority tickets arrives and however
/// the counters' interleave rules are set, "next" never lets an ordinary ticket be overtaken more than MaxOvertakes
/// times. Overtakes are counted here independently of the engine, from what a person in the hall could see: a ticket
/// of my category issued after mine was called by a counter that could have called me.
/// </summary>
public sealed class StarvationPropertyTests
{
    private static readonly string[][] CategorySets = [["A"], ["B"], ["A", "B"], ["B", "A"]];
    private static readonly string[] Rules = ["0:1", "1:1", "2:1", "3:2", "1:0", "0:3", "5:1"];

    private sealed record Step(bool Issue, int Category, int Kind, int Counter, int Seconds);

    private static readonly Gen<Step> StepGen = Gen.Select(
        Gen.Int[0, 9], Gen.Int[0, 1], Gen.Int[0, 9], Gen.Int[0, 2], Gen.Int[0, 3],
        (roll, category, kind, counter, seconds) => new Step(roll < 6, category, kind, counter, seconds));

    private static readonly Gen<(int MaxOvertakes, int[] Sets, int[] Rules, Step[] Steps)> DayGen = Gen.Select(
        Gen.Int[0, 4],
        Gen.Int[0, CategorySets.Length - 1].Array[3],
        Gen.Int[0, Rules.Length - 1].Array[3],
        StepGen.Array[1, 150]);

    [Fact]
    public void No_ordinary_ticket_is_overtaken_beyond_the_bound()
    {
        DayGen.Sample((maxOvertakes, sets, rules, steps) =>
        {
            var options = new QueueOptions { MaxOvertakes = maxOvertakes };
            var counters = Enumerable.Range(0, 3).Select(i => ((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), CategorySets[sets[i]], (string?)Rules[rules[i]])).ToArray();
            var engine = Engines.Create(options, counters);
            var overtakes = new Dictionary<string, int>();
            var now = QueueFixture.Morning;
            foreach (var step in steps)
            {
                now = now.AddSeconds(step.Seconds);
                if (step.Issue)
                {
                    // Two in five tickets are priority: enough to starve ordinary ones without the bound.
                    string? priority = step.Kind switch { 0 => "green", 1 => "elderly", 2 => "assisted", 3 => "appointment", _ => null };
                    Assert.True(engine.Issue(now, step.Category == 0 ? "A" : "B", priority, null, null).Ok);
                    continue;
                }

                var counter = engine.FindCounter(counters[step.Counter].Item1)!;
                var waiting = engine.Waiting.ToList();
                var outcome = engine.Next(now, counter.Id);
                if (!outcome.Ok)
                {
                    Assert.Equal(ErrorCodes.NoWaitingTicket, outcome.Error!.Code);
                    Assert.DoesNotContain(waiting, t => counter.Categories.Contains(t.Category));
                    continue;
                }

                var called = counter.Current!;
                foreach (var passed in waiting.Where(t => !t.IsPriority && t != called && t.Category == called.Category
                    && counter.Categories.Contains(t.Category) && t.IssuedBefore(called)))
                {
                    overtakes[passed.TicketNo] = overtakes.GetValueOrDefault(passed.TicketNo) + 1;
                    Assert.True(
                        overtakes[passed.TicketNo] <= maxOvertakes,
                        $"{passed.TicketNo} overtaken {overtakes[passed.TicketNo]} times (bound {maxOvertakes}) when {counter.Id} called {called.TicketNo}");
                }
            }
        }, iter: 400);
    }

    [Fact]
    public void Without_waiting_ordinary_tickets_priority_ones_are_still_called()
    {
        var engine = Engines.Create(new QueueOptions(), ("1", ["A"], "5:1"));
        Assert.True(engine.Issue(QueueFixture.Morning, "A", "green", null, null).Ok);

        var outcome = engine.Next(QueueFixture.Morning, "1");

        Assert.Equal("A001", outcome.CounterState!.TicketNo);
    }
}
