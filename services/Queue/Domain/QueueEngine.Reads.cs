using System.Globalization;
using System.Text.RegularExpressions;
using Hall.Contract.Events;
using Hall.Contract;
using Hall.Queue.Estimation;

namespace Hall.Queue.Domain;

/// <summary>Reads: the wait estimate, counter states and the snapshot for the pages.</summary>
public sealed partial class QueueEngine
{
    /// <summary>The estimate for a ticket that would join <paramref name="category"/> now.</summary>
    public WaitEstimate EstimateFor(string category, bool priority, DateTimeOffset now)
    {
        // The same simulation as WaitEstimator.Estimate over Waiting, fed from the line's counts instead of a list of every ticket.
        SyncLine();
        var reserved = _line.Reserved.Select(t => new WaitingTicketInfo(t.Category, t.IsPriority, t.ForCounter)).ToList();
        return WaitEstimator.Simulate(
            category,
            priority,
            _line.Free,
            _line.FreePriority.GetValueOrDefault(category),
            reserved,
            CounterLoads(now),
            ServiceTimes.Means(_categories.Keys),
            ServiceTimes.Default);
    }

    public IReadOnlyList<CounterLoad> CounterLoads(DateTimeOffset now) =>
        Counters.Select(c => new CounterLoad(
            c.Id,
            c.Categories,
            c.Status == CounterStatus.Open,
            c.Current is { CalledAt: { } calledAt } current ? Remaining(ServiceTimes.Mean(current.Category) - (now - calledAt)) : TimeSpan.Zero)).ToList();

    public CounterStateMessage StateOf(Counter counter, DateTimeOffset now, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(counter);
        return new CounterStateMessage
        {
            RequestId = requestId,
            Ts = _clock.Local(now),
            Counter = counter.Id,
            CounterName = counter.Name,
            Status = CounterStatuses.ToContract(counter.Status),
            TicketNo = counter.Current?.TicketNo,
            StaffId = counter.StaffId,
            StaffName = counter.StaffName,
            Since = counter.Since,
            PauseReason = counter.PauseReason,
            Recalls = counter.Current?.Recalls ?? 0,
            Categories = counter.Categories.ToList(),
        };
    }

    public IReadOnlyDictionary<string, int> WaitingCounts()
    {
        SyncLine();
        var counts = new Dictionary<string, int>(_categories.Count, StringComparer.Ordinal);
        foreach (var prefix in _categories.Keys)
        {
            counts[prefix] = _line.ByCategory.GetValueOrDefault(prefix);
        }

        foreach (var (prefix, count) in _line.ByCategory)
        {
            if (count > 0 && !counts.ContainsKey(prefix))
            {
                // A ticket of a category the catalogue no longer has: listed after the catalogue, in order of first ticket.
                foreach (var ticket in _line.InOrder)
                {
                    if (!_categories.ContainsKey(ticket.Category))
                    {
                        counts[ticket.Category] = counts.GetValueOrDefault(ticket.Category) + 1;
                    }
                }

                break;
            }
        }

        return counts;
    }

    public QueueSnapshot Snapshot(DateTimeOffset now)
    {
        var waiting = WaitingLine().ToList();
        var today = _tickets.Values.Where(t => t.Day == Day).ToList();
        return new QueueSnapshot(
            _clock.Local(now),
            Day,
            Categories.Select(c => new CategoryView(c.Prefix, c.Name, c.Active, c.DailyLimit, waiting.Count(t => t.Category == c.Prefix), Math.Round(ServiceTimes.Mean(c.Prefix).TotalMinutes, 1), c.Order)).ToList(),
            Counters.Select(c => StateOf(c, now)).ToList(),
            _categories.Keys.ToDictionary(
                k => k,
                k => (IReadOnlyList<WaitingTicketView>)waiting.Where(t => t.Category == k)
                    .Select(t => new WaitingTicketView(t.TicketNo, t.Category, TicketKinds.ToContract(t.Kind), t.IssuedAt, t.ForCounter, t.Overtaken)).ToList(),
                StringComparer.Ordinal),
            today.Where(t => t.CalledAt is not null && t.Counter is not null)
                .OrderByDescending(t => t.CalledAt)
                .Take(RecentCallCount)
                .Select(t => new BoardCall(t.TicketNo, t.Counter!, t.CalledAt!.Value)).ToList(),
            new TodayCounts(
                today.Count,
                today.Count(t => t.Status == TicketStatus.Waiting),
                _counters.Values.Count(c => c.Current is not null),
                today.Count(t => t.Status == TicketStatus.Finished),
                today.Count(t => t.Status == TicketStatus.NoShow),
                today.Count(t => t.Status is TicketStatus.WalkOut or TicketStatus.Cancelled)));
    }
}
