namespace Hall.Devices.HallSimulator;

/// <summary>
/// A discrete-event replay of one session in a hall, with no broker and no clock of its own: arrivals from the
/// profile, service times drawn in advance per person, counters calling the oldest ticket of their most
/// preferred category that has one (as the Queue service's "next" does without priority tickets).
/// At each issue every model estimates the wait from what the box would know then; the real wait comes
/// from playing the session out. <paramref name="clock"/> is told each event's time before it is handled,
/// so a FakeTimeProvider can follow the replay.
/// </summary>
public static class QueueReplay
{
    public static ReplayResult Run(ReplayOptions options, Random random, IReadOnlyList<WaitEstimateModel> models, Action<DateTimeOffset>? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(models);
        if (options.Counters.Count == 0)
        {
            throw new ArgumentException("The replay needs at least one counter.", nameof(options));
        }

        var mix = new CategoryMix(options.Categories);
        var serviceModel = new ServiceTimeModel(options.Categories);
        var opening = new DateTimeOffset(options.Day.ToDateTime(options.Arrivals.Opening), options.UtcOffset);
        var arrivals = new ArrivalGenerator(options.Arrivals, random).Session();
        var people = new List<Person>(arrivals.Count);
        foreach (var at in arrivals)
        {
            var category = mix.Pick(random).Category;
            people.Add(new Person(people.Count + 1, category, opening + at, serviceModel.Sample(category, random)));
        }

        var counters = options.Counters.Select(c => new CounterState(c)).ToArray();
        var waiting = new List<Person>();
        var recent = new Dictionary<string, Queue<TimeSpan>>(StringComparer.Ordinal);
        var events = new PriorityQueue<Event, (DateTimeOffset, long)>();
        long order = 0;
        foreach (var person in people)
        {
            events.Enqueue(new Event(person, null), (person.IssuedAt, order++));
        }

        var mostWaiting = 0;
        var lastFinish = opening;
        var guard = (people.Count * 3) + 10;
        while (events.TryDequeue(out var next, out var key) && guard-- > 0)
        {
            var now = key.Item1;
            clock?.Invoke(now);
            if (next.Arrival is { } arriving)
            {
                var situation = Situation(options, now, arriving.Category, waiting, counters, recent);
                foreach (var model in models)
                {
                    arriving.Estimates[model.Name] = model.EstimateMinutes(situation);
                }

                waiting.Add(arriving);
                mostWaiting = Math.Max(mostWaiting, waiting.Count);
            }
            else if (next.Finishing is { } counter)
            {
                var done = counter.Current!;
                Remember(recent, done.Category, done.ServiceTime, options.MeanWindow);
                counter.Current = null;
                lastFinish = now;
            }

            foreach (var free in counters.Where(c => c.Current is null))
            {
                var called = Choose(free, waiting);
                if (called is null)
                {
                    continue;
                }

                waiting.Remove(called);
                called.CalledAt = now;
                called.Counter = free.Counter.Id;
                free.Current = called;
                free.Since = now;
                events.Enqueue(new Event(null, free), (now + called.ServiceTime, order++));
            }
        }

        var result = people
            .Select(p => new ReplayPerson(p.Number, p.Category, p.IssuedAt, p.CalledAt, p.Counter, p.ServiceTime, p.Estimates))
            .ToArray();
        var accuracy = models.ToDictionary(
            m => m.Name,
            m => EstimateAccuracy.From(result.Where(p => p.CalledAt is not null).Select(p => ((double)p.Estimates[m.Name], p.Waited!.Value.TotalMinutes))),
            StringComparer.Ordinal);
        return new ReplayResult(result, accuracy, mostWaiting, lastFinish);
    }

    private static Person? Choose(CounterState counter, List<Person> waiting)
    {
        foreach (var category in counter.Counter.Categories)
        {
            var oldest = waiting.FirstOrDefault(p => string.Equals(p.Category, category, StringComparison.Ordinal));
            if (oldest is not null)
            {
                return oldest;
            }
        }

        return null;
    }

    private static WaitSituation Situation(ReplayOptions options, DateTimeOffset now, string category, List<Person> waiting, CounterState[] counters, Dictionary<string, Queue<TimeSpan>> recent) => new()
    {
        Now = now,
        Category = category,
        Waiting = waiting.Select(p => new WaitingTicket(p.Category, p.IssuedAt)).ToArray(),
        Counters = counters.Select(c => new CounterSituation(c.Counter.Id, c.Counter.Categories, true, c.Current?.Category, c.Current is null ? null : c.Since)).ToArray(),
        MeanServiceTimes = recent.Where(r => r.Value.Count > 0).ToDictionary(r => r.Key, r => TimeSpan.FromTicks((long)r.Value.Average(t => t.Ticks)), StringComparer.Ordinal),
        DefaultServiceTime = options.DefaultServiceTime,
    };

    private static void Remember(Dictionary<string, Queue<TimeSpan>> recent, string category, TimeSpan duration, int window)
    {
        if (!recent.TryGetValue(category, out var queue))
        {
            queue = new Queue<TimeSpan>();
            recent[category] = queue;
        }

        queue.Enqueue(duration);
        while (queue.Count > Math.Max(1, window))
        {
            queue.Dequeue();
        }
    }

    private sealed class Person(int number, string category, DateTimeOffset issuedAt, TimeSpan serviceTime)
    {
        public int Number { get; } = number;

        public string Category { get; } = category;

        public DateTimeOffset IssuedAt { get; } = issuedAt;

        public TimeSpan ServiceTime { get; } = serviceTime;

        public DateTimeOffset? CalledAt { get; set; }

        public string? Counter { get; set; }

        public Dictionary<string, int> Estimates { get; } = new(StringComparer.Ordinal);
    }

    private sealed class CounterState(ReplayCounter counter)
    {
        public ReplayCounter Counter { get; } = counter;

        public Person? Current { get; set; }

        public DateTimeOffset Since { get; set; }
    }

    private sealed record Event(Person? Arrival, CounterState? Finishing);
}
