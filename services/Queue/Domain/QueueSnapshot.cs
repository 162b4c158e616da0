using Hall.Contract;

namespace Hall.Queue.Domain;

/// <summary>The queue at one instant, for the admin and hall pages.</summary>
public sealed record QueueSnapshot(
    DateTimeOffset Ts,
    DateOnly Day,
    IReadOnlyList<CategoryView> Categories,
    IReadOnlyList<CounterStateMessage> Counters,
    IReadOnlyDictionary<string, IReadOnlyList<WaitingTicketView>> Waiting,
    IReadOnlyList<BoardCall> RecentCalls,
    TodayCounts Counts);
