namespace Hall.Devices.HallSimulator;

/// <summary>What the box knows when a kiosk asks for a ticket: the input of a wait estimate.</summary>
public sealed record WaitSituation
{
    public required DateTimeOffset Now { get; init; }

    /// <summary>The new ticket's category.</summary>
    public required string Category { get; init; }

    /// <summary>Tickets already waiting (all categories), in issue order, without the new one.</summary>
    public required IReadOnlyList<WaitingTicket> Waiting { get; init; }

    public required IReadOnlyList<CounterSituation> Counters { get; init; }

    /// <summary>The box's rolling mean service time per category measured so far today.</summary>
    public required IReadOnlyDictionary<string, TimeSpan> MeanServiceTimes { get; init; }

    public required TimeSpan DefaultServiceTime { get; init; }

    public TimeSpan MeanServiceTime(string category) =>
        MeanServiceTimes.TryGetValue(category, out var mean) ? mean : DefaultServiceTime;
}
