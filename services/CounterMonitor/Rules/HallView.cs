namespace Hall.CounterMonitor.Rules;

/// <summary>
/// What counter monitoring knows of the queue, built from the queue's events (CounterChanged, WaitingChanged) and
/// seeded from its snapshot at start: services meet through events, never through each other's tables.
/// </summary>
public sealed class HallView
{
    private readonly Dictionary<string, CounterStateMessage> _counters = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, int> _waiting = new Dictionary<string, int>();

    public void Counter(CounterStateMessage state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _counters[state.Counter] = state;
    }

    public void Waiting(IReadOnlyDictionary<string, int> waiting) => _waiting = waiting;

    public int TotalWaiting => _waiting.Values.Sum();

    /// <summary>Counters open and not paused.</summary>
    public int OpenCounters => _counters.Values.Count(c => c.Status == "open");

    public CounterContext ContextOf(string counter, bool inOpeningHours)
    {
        if (!_counters.TryGetValue(counter, out var state))
        {
            return CounterContext.Unknown with { InOpeningHours = inOpeningHours };
        }

        var waiting = state.Categories.Sum(c => _waiting.TryGetValue(c, out var n) ? n : 0);
        return new CounterContext(state.Status, state.StaffId, state.StaffName, state.CounterName, waiting, inOpeningHours);
    }

    /// <summary>
    /// What the duty manager could do about a crowd: open a closed (or resume a paused) counter that serves the
    /// category with the most people waiting.
    /// </summary>
    public string Suggestion()
    {
        var busiest = _waiting.Where(w => w.Value > 0).OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).ToList();
        foreach (var (category, count) in busiest)
        {
            var candidate = _counters.Values
                .Where(c => c.Status != "open" && c.Categories.Contains(category))
                .OrderBy(c => c.Status == "paused" ? 0 : 1)
                .ThenBy(c => c.Counter, StringComparer.Ordinal)
                .FirstOrDefault();
            if (candidate is not null)
            {
                var name = string.IsNullOrEmpty(candidate.CounterName) ? $"{candidate.Counter}号窗口" : candidate.CounterName;
                var verb = candidate.Status == "paused" ? "恢复" : "开放";
                return $"建议{verb}{name}({category}类等候 {count} 人)";
            }
        }

        return busiest.Count > 0 ? $"建议增派人员开放窗口({busiest[0].Key}类等候 {busiest[0].Value} 人)" : "建议增派人员引导分流";
    }
}
