namespace Hall.Queue.Estimation;

/// <summary>Everything the wait estimate of a new ticket depends on.</summary>
/// <param name="Category">The new ticket's category.</param>
/// <param name="Priority">Whether the new ticket is a priority kind.</param>
/// <param name="Waiting">Tickets already waiting (all categories), in issue order.</param>
/// <param name="Counters">The hall's counters.</param>
/// <param name="MeanServiceTimes">Measured mean service time per category.</param>
/// <param name="DefaultServiceTime">Used for a category with no measured mean.</param>
public sealed record WaitEstimateRequest(
    string Category,
    bool Priority,
    IReadOnlyList<WaitingTicketInfo> Waiting,
    IReadOnlyList<CounterLoad> Counters,
    IReadOnlyDictionary<string, TimeSpan> MeanServiceTimes,
    TimeSpan DefaultServiceTime);
