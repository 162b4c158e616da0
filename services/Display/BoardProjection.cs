using Hall.Contract;

namespace Hall.Display;

/// <summary>
/// The hall board as the public sees it: the last calls, newest first, each ticket once, and
/// how many wait per category. Plain state, no I/O; <see cref="DisplayService"/> publishes it.
/// </summary>
public sealed class BoardProjection
{
    private readonly int _capacity;
    private readonly List<BoardCall> _recent = [];
    private readonly SortedDictionary<string, int> _waiting = new(StringComparer.Ordinal);

    public BoardProjection(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public IReadOnlyList<BoardCall> RecentCalls => _recent;

    public IReadOnlyDictionary<string, int> Waiting => _waiting;

    /// <summary>A call or recall goes to the top; an earlier line of the same ticket is removed so no number shows twice.</summary>
    public void Call(BoardCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        _recent.RemoveAll(c => string.Equals(c.TicketNo, call.TicketNo, StringComparison.Ordinal));
        _recent.Insert(0, call);
        if (_recent.Count > _capacity)
        {
            _recent.RemoveRange(_capacity, _recent.Count - _capacity);
        }
    }

    /// <summary>
    /// Takes the counts of the categories given and keeps the others: an event may carry only the
    /// categories that changed.
    /// </summary>
    public void SetWaiting(IReadOnlyDictionary<string, int> waiting)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        foreach (var (category, count) in waiting)
        {
            _waiting[category] = Math.Max(0, count);
        }
    }

    /// <summary>Rebuilds the board at box start from stored calls (oldest first) and counts.</summary>
    public void Restore(IEnumerable<BoardCall> callsOldestFirst, IReadOnlyDictionary<string, int> waiting)
    {
        ArgumentNullException.ThrowIfNull(callsOldestFirst);
        _recent.Clear();
        _waiting.Clear();
        foreach (var call in callsOldestFirst)
        {
            Call(call);
        }

        SetWaiting(waiting);
    }

    public BoardMessage ToMessage(DateTimeOffset ts) => new()
    {
        Ts = ts,
        RecentCalls = [.. _recent],
        Waiting = new SortedDictionary<string, int>(_waiting, StringComparer.Ordinal),
    };
}
