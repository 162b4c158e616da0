using Hall.Queue.Estimation;

namespace Hall.Queue.Tests;

/// <summary>
/// The wait estimate as first written: the forward simulation one ticket at a time, over the list of waiting tickets.
/// The box's estimator works on counts and takes turns in bulk for long queues; it must give exactly these answers.
/// </summary>
public static class ReferenceEstimator
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
            return new WaitEstimate(ahead, WaitEstimator.PlainEstimate(ahead, Mean(request, request.Category), 1), Served: false);
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

        return new WaitEstimate(ahead, WaitEstimator.PlainEstimate(ahead, Mean(request, request.Category), 1), Served: false);
    }

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
