namespace Hall.Queue.Domain;

/// <summary>
/// Which waiting ticket a counter's "next" calls. In order:
/// 1. only tickets the counter may call (reserved for it, or of a category it serves and not reserved elsewhere);
/// 2. the counter's most preferred category that has any such ticket;
/// 3. within it, priority or ordinary by the counter's <see cref="InterleaveRule"/>, each kind oldest first;
/// 4. the starvation bound: if that choice would pass an ordinary ticket of the same category that has
///    already been overtaken <c>maxOvertakes</c> times, the oldest such ticket is called instead.
/// Hence no ordinary ticket is ever overtaken more than <c>maxOvertakes</c> times by "next".
/// </summary>
public static class CallSelector
{
    public static Ticket? Choose(Counter counter, IEnumerable<Ticket> waiting, InterleaveRule rule, int maxOvertakes)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(rule);
        var eligible = waiting.Where(t => t.Status == TicketStatus.Waiting && counter.MayCall(t)).ToList();
        if (eligible.Count == 0)
        {
            return null;
        }

        var bestRank = eligible.Min(t => Rank(counter, t));
        Ticket? oldestPriority = null;
        Ticket? oldestOrdinary = null;
        foreach (var ticket in eligible.Where(t => Rank(counter, t) == bestRank))
        {
            if (ticket.IsPriority)
            {
                oldestPriority = Older(oldestPriority, ticket);
            }
            else
            {
                oldestOrdinary = Older(oldestOrdinary, ticket);
            }
        }

        var takePriority = oldestPriority is not null
            && (oldestOrdinary is null || rule.PriorityTurn(counter.OrdinaryStreak, counter.PriorityStreak));
        var chosen = takePriority ? oldestPriority! : oldestOrdinary!;

        Ticket? starved = null;
        foreach (var ticket in eligible)
        {
            if (!ticket.IsPriority && ticket.Overtaken >= maxOvertakes && SameCategory(ticket, chosen) && ticket.IssuedBefore(chosen))
            {
                starved = Older(starved, ticket);
            }
        }

        return starved ?? chosen;
    }

    /// <summary>
    /// The waiting ordinary tickets that calling <paramref name="called"/> at this counter overtakes:
    /// same category, issued earlier, and callable by this counter.
    /// </summary>
    public static IEnumerable<Ticket> Overtaken(Counter counter, IEnumerable<Ticket> waiting, Ticket called)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(called);
        return waiting.Where(t => t.Status == TicketStatus.Waiting && !t.IsPriority && !ReferenceEquals(t, called)
            && SameCategory(t, called) && counter.MayCall(t) && t.IssuedBefore(called));
    }

    /// <summary>Updates the counter's interleave state after it called a ticket.</summary>
    public static void Advance(Counter counter, Ticket called, InterleaveRule rule)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(called);
        ArgumentNullException.ThrowIfNull(rule);
        if (called.IsPriority)
        {
            counter.PriorityStreak++;
            if (counter.PriorityStreak >= rule.Priority)
            {
                counter.OrdinaryStreak = 0;
                counter.PriorityStreak = 0;
            }
        }
        else
        {
            counter.OrdinaryStreak++;
            counter.PriorityStreak = 0;
        }
    }

    private static int Rank(Counter counter, Ticket ticket)
    {
        var categories = counter.Categories;
        for (var i = 0; i < categories.Count; i++)
        {
            if (string.Equals(categories[i], ticket.Category, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return 0;
    }

    private static bool SameCategory(Ticket a, Ticket b) => string.Equals(a.Category, b.Category, StringComparison.Ordinal);

    private static Ticket Older(Ticket? current, Ticket candidate) =>
        current is null || candidate.IssuedBefore(current) ? candidate : current;
}
