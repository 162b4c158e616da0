namespace Hall.Queue;

/// <summary>
/// Estimates how long a new ticket will wait. Two pure functions, so that the benchmark can compare them:
/// <list type="bullet">
/// <item><see cref="PlainEstimate"/>: people ahead × mean service time ÷ open counters serving the category.</item>
/// <item><see cref="Estimate"/>: a small forward simulation of the open counters. Each counter starts when its
/// ticket in service is expected to end, then keeps taking the next ticket of its most preferred category that has
/// one (so a comprehensive counter that prefers another category helps less), at that category's measured mean
/// service time, until it reaches the new ticket. Tickets of other categories take counter time too.</item>
/// </list>
/// Within a category the simulation serves priority tickets before ordinary ones (the interleave rule and the
/// starvation bound only reorder by a little), and a ticket transferred to one counter is served by that counter first.
/// </summary>
public static class WaitEstimator
{
    private const int MaxSteps = 100_000;

    public static WaitEstimate Estimate(WaitEstimateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var queues = new Dictionary<string, Queue<string?>>(StringComparer.Ordinal);
        var reserved = new Dictionary<string, Queue<string?>>(StringComparer.Ordinal);
        var sameCategory = new List<WaitingTicketInfo>();
        foreach (var ticket in request.Waiting)
        {
            if (ticket.ForCounter is not null)
            {
                Enqueue(reserved, ticket.ForCounter, ticket.Category);
            }
            else if (string.Equals(ticket.Category, request.Category, StringComparison.Ordinal))
            {
                sameCategory.Add(ticket);
            }
            else
            {
                Enqueue(queues, ticket.Category, ticket.Category);
            }
        }

        // The new ticket's own queue: priority first, then ordinary, each in issue order; the new ticket at its place.
        var ahead = request.Priority ? sameCategory.Count(t => t.Priority) : sameCategory.Count;
        var own = new Queue<string?>();
        foreach (var ticket in sameCategory.Where(t => t.Priority).Concat(sameCategory.Where(t => !t.Priority)).Take(ahead))
        {
            own.Enqueue(ticket.Category);
        }

        own.Enqueue(null); // the new ticket
        queues[request.Category] = own;

        var open = request.Counters.Where(c => c.Open).ToList();
        if (!open.Any(c => c.Categories.Contains(request.Category, StringComparer.Ordinal)))
        {
            // Nobody can serve it now: a one-counter guess rather than no answer at all.
            return new WaitEstimate(ahead, PlainEstimate(ahead, Mean(request, request.Category), 1), Served: false);
        }

        var freeAt = open.ToDictionary(c => c.Id, c => c.RemainingService > TimeSpan.Zero ? c.RemainingService : TimeSpan.Zero, StringComparer.Ordinal);
        var active = new List<CounterLoad>(open);
        for (var step = 0; step < MaxSteps && active.Count > 0; step++)
        {
            var counter = active.MinBy(c => freeAt[c.Id])!;
            var queue = reserved.TryGetValue(counter.Id, out var own2) && own2.Count > 0
                ? own2
                : counter.Categories.Select(c => queues.GetValueOrDefault(c)).FirstOrDefault(q => q is { Count: > 0 });
            if (queue is null)
            {
                // Nothing left that this counter may serve: it no longer matters.
                active.Remove(counter);
                continue;
            }

            var category = queue.Dequeue();
            if (category is null)
            {
                return new WaitEstimate(ahead, freeAt[counter.Id], Served: true);
            }

            freeAt[counter.Id] += Mean(request, category);
        }

        return new WaitEstimate(ahead, PlainEstimate(ahead, Mean(request, request.Category), 1), Served: false);
    }

    /// <summary>The textbook estimate: people ahead × mean service time ÷ open counters (at least one).</summary>
    public static TimeSpan PlainEstimate(int waitingAhead, TimeSpan meanServiceTime, int openCounters) =>
        TimeSpan.FromTicks(meanServiceTime.Ticks * Math.Max(0, waitingAhead) / Math.Max(1, openCounters));

    private static TimeSpan Mean(WaitEstimateRequest request, string category) =>
        request.MeanServiceTimes.TryGetValue(category, out var mean) ? mean : request.DefaultServiceTime;

    private static void Enqueue(Dictionary<string, Queue<string?>> queues, string key, string category)
    {
        if (!queues.TryGetValue(key, out var queue))
        {
            queue = new Queue<string?>();
            queues[key] = queue;
        }

        queue.Enqueue(category);
    }
}
