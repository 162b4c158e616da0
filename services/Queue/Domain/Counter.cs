namespace Hall.Queue.Domain;

/// <summary>A service window (窗口) and what it is doing now.</summary>
public sealed class Counter
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    /// <summary>Categories it serves, most preferred first.</summary>
    public required IReadOnlyList<string> Categories { get; set; }

    /// <summary>Its own interleave rule; null means the hall default.</summary>
    public InterleaveRule? Interleave { get; set; }

    public CounterStatus Status { get; set; } = CounterStatus.Closed;

    /// <summary>Since when the counter is in its current state (status or ticket).</summary>
    public DateTimeOffset Since { get; set; }

    public string? PauseReason { get; set; }

    public string? StaffId { get; set; }

    public string? StaffName { get; set; }

    /// <summary>The ticket in service (called, not yet finished, skipped or transferred).</summary>
    public Ticket? Current { get; set; }

    /// <summary>Ordinary tickets called since the last priority turn ended (interleave rule state).</summary>
    public int OrdinaryStreak { get; set; }

    /// <summary>Priority tickets called in the current priority turn.</summary>
    public int PriorityStreak { get; set; }

    public int Order { get; set; }

    /// <summary>
    /// The village point this counter (the 代办员's desk) stands at; null for the township hall's counters. A village
    /// counter calls only its village's tickets and a township counter only the hall's own: the person at the village
    /// kiosk waits for the village's 代办员, never for a window twenty kilometres away.
    /// </summary>
    public string? Village { get; set; }

    public bool Serves(string category) => Categories.Contains(category, StringComparer.Ordinal);

    /// <summary>True when this counter may call the ticket: reserved for it, or of a category it serves and not reserved for another.</summary>
    public bool MayCall(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (!string.Equals(ticket.Village, Village, StringComparison.Ordinal))
        {
            return false;
        }

        return ticket.ForCounter is null ? Serves(ticket.Category) : string.Equals(ticket.ForCounter, Id, StringComparison.Ordinal);
    }
}
