namespace Hall.Queue.Domain;

/// <summary>Rolling service times per category: the mean of the last N finished services, or a default before there is data.</summary>
public sealed class ServiceTimes
{
    private readonly Dictionary<string, Queue<TimeSpan>> _recent = new(StringComparer.Ordinal);
    private readonly int _window;

    public ServiceTimes(int window, TimeSpan defaultServiceTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _window = window;
        Default = defaultServiceTime;
    }

    public TimeSpan Default { get; }

    /// <summary>Records one finished service (oldest first when loading).</summary>
    public void Add(string category, TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            return;
        }

        if (!_recent.TryGetValue(category, out var queue))
        {
            queue = new Queue<TimeSpan>(_window);
            _recent[category] = queue;
        }

        queue.Enqueue(duration);
        while (queue.Count > _window)
        {
            queue.Dequeue();
        }
    }

    public TimeSpan Mean(string category) =>
        _recent.TryGetValue(category, out var queue) && queue.Count > 0
            ? TimeSpan.FromTicks((long)queue.Average(t => t.Ticks))
            : Default;

    public int Samples(string category) => _recent.TryGetValue(category, out var queue) ? queue.Count : 0;

    public IReadOnlyDictionary<string, TimeSpan> Means(IEnumerable<string> categories) =>
        categories.ToDictionary(c => c, Mean, StringComparer.Ordinal);
}
