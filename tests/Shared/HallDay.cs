using Hall.Contract;
using Hall.Contract.Events;
using Hall.Store;

namespace Hall.Tests.Shared;

/// <summary>One outbox event of a simulated hall day: its type, its payload as the box writes it, and when.</summary>
public sealed record SeedEvent(string Type, string Json, DateTimeOffset At, int? Level = null);

/// <summary>
/// The events of simulated hall days, with the shapes and proportions of the box's own outbox (a ticket issued,
/// waiting counts, called, finished, rated or not, now and then skipped, a bad review, an absence, an alert), for
/// tests and benchmarks of the uplink that need many events in a box's outbox.
/// </summary>
public static class HallDay
{
    private static readonly string[] Categories = ["A", "B", "C"];

    public static IEnumerable<SeedEvent> Generate(DateOnly day, TimeZoneInfo zone, Random random, int tickets)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(random);
        var open = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 30)), zone.GetUtcOffset(day.ToDateTime(new TimeOnly(8, 30))));
        var waiting = new Dictionary<string, int>(StringComparer.Ordinal) { ["A"] = 0, ["B"] = 0, ["C"] = 0 };
        var counters = new[] { "1", "2", "3", "4" };
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tickets; i++)
        {
            var at = open.AddSeconds(i * (8.5 * 3600 / Math.Max(1, tickets)));
            var category = Categories[random.Next(Categories.Length)];
            numbers[category] = numbers.GetValueOrDefault(category) + 1;
            var ticketNo = category + numbers[category].ToString("000", System.Globalization.CultureInfo.InvariantCulture);
            var counter = counters[random.Next(counters.Length)];
            var staff = "S00" + counter;
            var priority = random.Next(20) == 0 ? "elderly" : null;
            yield return Event(new TicketIssued(at, ticketNo, category, priority, at));
            waiting[category]++;
            yield return Event(new WaitingChanged(at, new Dictionary<string, int>(waiting)));

            var called = at.AddMinutes(3 + random.Next(20));
            if (random.Next(25) == 0)
            {
                yield return Event(new TicketCalled(called, ticketNo, category, counter, counter + "号窗口", false, staff));
                yield return Event(new TicketSkipped(called.AddMinutes(2), ticketNo, category, counter));
                waiting[category]--;
                continue;
            }

            yield return Event(new TicketCalled(called, ticketNo, category, counter, counter + "号窗口", false, staff));
            waiting[category]--;
            yield return Event(new WaitingChanged(called, new Dictionary<string, int>(waiting)));
            var finished = called.AddMinutes(2 + random.Next(15));
            yield return Event(new TicketFinished(finished, ticketNo, category, counter, staff, called) { StaffName = "工作人员" + counter });
            if (random.Next(10) < 7)
            {
                var level = random.Next(30) == 0 ? 1 + random.Next(2) : 3 + random.Next(3);
                var ratingId = $"r-{day:yyyyMMdd}-{i:00000}";
                var caseId = level <= 2 ? $"c-{day:yyyyMMdd}-{i:00000}" : null;
                yield return Event(new RatingAccepted(finished.AddSeconds(20), ratingId, ticketNo, counter, staff, level, "evaluator", caseId), level);
                if (caseId is not null)
                {
                    yield return Event(new BadReviewCaseChanged(finished.AddSeconds(21), caseId, ticketNo, counter, staff, "open", false));
                }
            }
            else
            {
                yield return Event(new RatingTimedOut(finished.AddMinutes(2), ticketNo, counter, staff));
            }
        }

        var noon = open.AddHours(3.5);
        yield return Event(new AbsenceRecorded(noon.AddMinutes(12), "2", "S002", "工作人员2", noon, noon.AddMinutes(12)));
        yield return Event(new AlertRaised(noon, new AlertMessage { Ts = noon, Type = AlertTypes.StaffAbsent, Message = "2号窗口工作人员离岗超过 10 分钟", Counter = "2", Active = true }));
    }

    /// <summary>Writes the events into a box's outbox, as the box's own services would have.</summary>
    public static int Seed(HallDatabase database, IEnumerable<SeedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.Open();
        var count = 0;
        foreach (var chunk in events.Chunk(2000))
        {
            using var tx = connection.BeginTransaction();
            foreach (var e in chunk)
            {
                Outbox.Append(tx, e.Type, e.Json, e.At.ToUniversalTime());
                count++;
            }

            tx.Commit();
        }

        return count;
    }

    private static SeedEvent Event(HallEvent e, int? level = null) => new(e.GetType().Name, HallJson.SerializeToString<object>(e), e.Ts, level);
}
