namespace Hall.Queue.Estimation;

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
/// Cost: the simulation counts tickets per category instead of walking a list of them, and in a long queue it takes
/// the turns before a queue runs out in one jump, so issuing a ticket costs about the same with 10 or 8000 waiting.
/// The answers are exactly those of taking the turns one by one (the tests compare the two).
/// </summary>
public static class WaitEstimator
{
    private const int MaxSteps = 100_000;

    public static WaitEstimate Estimate(WaitEstimateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var free = new Dictionary<string, int>(StringComparer.Ordinal);
        var ownPriority = 0;
        var reserved = new List<WaitingTicketInfo>();
        foreach (var ticket in request.Waiting)
        {
            if (ticket.ForCounter is not null)
            {
                reserved.Add(ticket);
                continue;
            }

            free[ticket.Category] = free.GetValueOrDefault(ticket.Category) + 1;
            if (ticket.Priority && string.Equals(ticket.Category, request.Category, StringComparison.Ordinal))
            {
                ownPriority++;
            }
        }

        return Simulate(request.Category, request.Priority, free, ownPriority, reserved, request.Counters, request.MeanServiceTimes, request.DefaultServiceTime);
    }

    /// <summary>
    /// The simulation on counts. Within a category every waiting ticket costs that category's mean, so a category's
    /// queue is just how many are left; the new ticket is the last unit of its own queue. Only tickets reserved for
    /// one counter keep their order (they may be of different categories).
    /// </summary>
    /// <param name="category">The new ticket's category.</param>
    /// <param name="priority">Whether the new ticket is a priority kind.</param>
    /// <param name="free">Waiting tickets per category, not reserved for a counter.</param>
    /// <param name="ownPriority">How many of <paramref name="free"/>[<paramref name="category"/>] are priority tickets.</param>
    /// <param name="reserved">Waiting tickets reserved for one counter, in issue order.</param>
    /// <param name="counters">The hall's counters.</param>
    /// <param name="means">Measured mean service time per category.</param>
    /// <param name="defaultServiceTime">Used for a category with no measured mean.</param>
    internal static WaitEstimate Simulate(
        string category,
        bool priority,
        IReadOnlyDictionary<string, int> free,
        int ownPriority,
        IReadOnlyList<WaitingTicketInfo> reserved,
        IReadOnlyList<CounterLoad> counters,
        IReadOnlyDictionary<string, TimeSpan> means,
        TimeSpan defaultServiceTime)
    {
        // The new ticket's own queue: priority first, then ordinary; a priority ticket goes after the priority ones.
        var ahead = priority ? ownPriority : free.GetValueOrDefault(category);
        var ownMean = Mean(means, defaultServiceTime, category);
        var open = new List<CounterLoad>(counters.Count);
        var servedNow = false;
        foreach (var counter in counters)
        {
            if (counter.Open)
            {
                open.Add(counter);
                servedNow |= counter.Categories.Contains(category, StringComparer.Ordinal);
            }
        }

        if (!servedNow)
        {
            // Nobody can serve it now: a one-counter guess rather than no answer at all.
            return new WaitEstimate(ahead, PlainEstimate(ahead, ownMean, 1), Served: false);
        }

        var slots = new Dictionary<string, int>(StringComparer.Ordinal) { [category] = 0 };
        var left = new List<long> { ahead + 1L };
        var cost = new List<long> { ownMean.Ticks };
        var preferences = new int[open.Count][];
        var byId = new Dictionary<string, int>(open.Count, StringComparer.Ordinal);
        var freeAt = new long[open.Count];
        for (var k = 0; k < open.Count; k++)
        {
            var counter = open[k];
            byId.Add(counter.Id, k);
            freeAt[k] = counter.RemainingService > TimeSpan.Zero ? counter.RemainingService.Ticks : 0;
            var preference = new int[counter.Categories.Count];
            for (var i = 0; i < preference.Length; i++)
            {
                var served = counter.Categories[i];
                if (!slots.TryGetValue(served, out var slot))
                {
                    slot = left.Count;
                    slots[served] = slot;
                    left.Add(free.GetValueOrDefault(served));
                    cost.Add(Mean(means, defaultServiceTime, served).Ticks);
                }

                preference[i] = slot;
            }

            preferences[k] = preference;
        }

        var reservedFor = new Queue<long>?[open.Count];
        foreach (var ticket in reserved)
        {
            if (ticket.ForCounter is not null && byId.TryGetValue(ticket.ForCounter, out var k))
            {
                (reservedFor[k] ??= new Queue<long>()).Enqueue(Mean(means, defaultServiceTime, ticket.Category).Ticks);
            }
        }

        var simulation = new Simulation([.. left], [.. cost], preferences, reservedFor, freeAt);
        if (simulation.Run() is { } wait)
        {
            return new WaitEstimate(ahead, TimeSpan.FromTicks(wait), Served: true);
        }

        return new WaitEstimate(ahead, PlainEstimate(ahead, ownMean, 1), Served: false);
    }

    /// <summary>The textbook estimate: people ahead × mean service time ÷ open counters (at least one).</summary>
    public static TimeSpan PlainEstimate(int waitingAhead, TimeSpan meanServiceTime, int openCounters) =>
        TimeSpan.FromTicks(meanServiceTime.Ticks * Math.Max(0, waitingAhead) / Math.Max(1, openCounters));

    private static TimeSpan Mean(IReadOnlyDictionary<string, TimeSpan> means, TimeSpan defaultServiceTime, string category) =>
        means.TryGetValue(category, out var mean) ? mean : defaultServiceTime;

    /// <summary>
    /// The forward simulation's state. Slot 0 is the new ticket's own queue, whose last unit is the new ticket.
    /// Counters take turns by who is free first (on a tie, the one listed first), each serving its reserved tickets,
    /// then its most preferred slot with anything left.
    /// </summary>
    private sealed class Simulation
    {
        // Below this many tickets left, single turns cost less than working out a jump.
        private const long JumpAbove = 128;
        private const int NoSlot = -1;
        private const int Reserved = -2;

        private readonly long[] _left;
        private readonly long[] _cost;
        private readonly int[][] _preferences;
        private readonly Queue<long>?[] _reserved;
        private readonly long[] _freeAt;
        private readonly int[] _active;
        private readonly int[] _choice;
        private readonly long[] _taken;
        private readonly bool _mayJump;
        private int _activeCount;

        public Simulation(long[] left, long[] cost, int[][] preferences, Queue<long>?[] reserved, long[] freeAt)
        {
            _left = left;
            _cost = cost;
            _preferences = preferences;
            _reserved = reserved;
            _freeAt = freeAt;
            _active = new int[freeAt.Length];
            for (var k = 0; k < _active.Length; k++)
            {
                _active[k] = k;
            }

            _activeCount = _active.Length;
            _choice = new int[freeAt.Length];
            _taken = new long[left.Length];

            // Every turn serves one ticket or drops one counter, so with fewer than MaxSteps of those the step limit
            // can never be reached and turns may be taken in bulk (Jump); otherwise turn by turn, as the limit counts them.
            var units = (long)_activeCount;
            foreach (var count in left)
            {
                units += count;
            }

            foreach (var queue in reserved)
            {
                units += queue?.Count ?? 0;
            }

            _mayJump = units <= MaxSteps;
        }

        /// <summary>When the new ticket is called, in ticks from now; null when no counter reaches it.</summary>
        public long? Run()
        {
            var skipJumps = 0;
            var left = 0L;
            foreach (var count in _left)
            {
                left += count;
            }

            for (var step = 0; step < MaxSteps && _activeCount > 0; step++)
            {
                if (_mayJump && left > JumpAbove)
                {
                    if (skipJumps > 0)
                    {
                        skipJumps--;
                    }
                    else if (Jump() is var took && took > 0)
                    {
                        left -= took;
                    }
                    else
                    {
                        // Nothing to take in bulk now (e.g. a tie at a queue's last tickets): a few single turns first.
                        skipJumps = _activeCount;
                    }
                }

                // The counter free first; on a tie the one listed first.
                var at = 0;
                for (var i = 1; i < _activeCount; i++)
                {
                    if (_freeAt[_active[i]] < _freeAt[_active[at]])
                    {
                        at = i;
                    }
                }

                var k = _active[at];
                if (_reserved[k] is { Count: > 0 } mine)
                {
                    _freeAt[k] += mine.Dequeue();
                    continue;
                }

                var slot = ChoiceOf(k);
                if (slot == NoSlot)
                {
                    // Nothing left that this counter may serve: it no longer matters.
                    Array.Copy(_active, at + 1, _active, at, _activeCount - at - 1);
                    _activeCount--;
                    continue;
                }

                if (slot == 0 && _left[0] == 1)
                {
                    return _freeAt[k];
                }

                _left[slot]--;
                left--;
                _freeAt[k] += _cost[slot];
            }

            return null;
        }

        private int ChoiceOf(int k)
        {
            foreach (var candidate in _preferences[k])
            {
                if (_left[candidate] > 0)
                {
                    return candidate;
                }
            }

            return NoSlot;
        }

        /// <summary>
        /// Takes at once every turn that starts before some instant T, chosen as late as possible while no queue runs
        /// out before T (and the new ticket's own unit is not reached) and no counter with reserved tickets gets a turn.
        /// Up to T each counter keeps serving the same queue at the same pace, so the turns before T leave the same
        /// state whatever their order: exactly what taking them one by one gives. Returns how many tickets it took.
        /// </summary>
        private long Jump()
        {
            var latest = long.MaxValue;
            var earliest = long.MaxValue;
                        var any = false;
            for (var i = 0; i < _activeCount; i++)
            {
                var k = _active[i];
                earliest = Math.Min(earliest, _freeAt[k]);
                if (_reserved[k] is { Count: > 0 })
                {
                    _choice[k] = Reserved;
                    latest = Math.Min(latest, _freeAt[k]);
                    continue;
                }

                var slot = ChoiceOf(k);
                _choice[k] = slot;
                if (slot == NoSlot)
                {
                    continue;
                }

                if (_cost[slot] <= 0)
                {
                    // Free service would take a whole queue in one instant: leave that to single turns.
                    return 0;
                }

                any = true;
            }

            if (!any)
            {
                return 0;
            }

            // Surely too far: a counter alone would have taken more than its queue holds.
            for (var i = 0; i < _activeCount; i++)
            {
                var k = _active[i];
                var slot = _choice[k];
                if (slot >= 0)
                {
                    var holds = _left[slot] - (slot == 0 ? 1 : 0);
                    latest = Math.Min(latest, _freeAt[k] + (holds * _cost[slot]) + 1);
                }
            }

            var low = earliest;
            var high = latest;
            if (!Fits(high))
            {
                // Fits(low) holds (no turn starts before the earliest free time); find the last T that fits.
                while (high - low > 1)
                {
                    var mid = low + ((high - low) / 2);
                    if (Fits(mid))
                    {
                        low = mid;
                    }
                    else
                    {
                        high = mid;
                    }
                }

                high = low;
            }

            var took = 0L;
            for (var i = 0; i < _activeCount; i++)
            {
                var k = _active[i];
                var slot = _choice[k];
                if (slot < 0)
                {
                    continue;
                }

                var turns = TurnsBefore(k, slot, high);
                if (turns > 0)
                {
                    _left[slot] -= turns;
                    _freeAt[k] += turns * _cost[slot];
                    took += turns;
                }
            }

            return took;
        }

        private bool Fits(long before)
        {
            Array.Clear(_taken);
            for (var i = 0; i < _activeCount; i++)
            {
                var k = _active[i];
                var slot = _choice[k];
                if (slot >= 0)
                {
                    _taken[slot] += TurnsBefore(k, slot, before);
                }
            }

            for (var slot = 0; slot < _taken.Length; slot++)
            {
                // Slot 0 keeps its last unit: reaching the new ticket is for a single turn to report.
                if (_taken[slot] > _left[slot] - (slot == 0 ? 1 : 0))
                {
                    return false;
                }
            }

            return true;
        }

        // Turns of counter k that start before the instant: at freeAt, freeAt + cost, freeAt + 2 cost, ...
        private long TurnsBefore(int k, int slot, long before)
        {
            var start = _freeAt[k];
            return before <= start ? 0 : ((before - start - 1) / _cost[slot]) + 1;
        }
    }
}
