namespace Hall.Queue.Domain;

/// <summary>Where a ticket is in its day. NoShow (过号) and WalkOut/Cancelled are counted apart.</summary>
public enum TicketStatus
{
    Waiting,
    Called,
    Finished,

    /// <summary>Called, recalled, and did not come: skipped by the counter.</summary>
    NoShow,

    /// <summary>Still waiting when the hall's day ended.</summary>
    WalkOut,

    /// <summary>Withdrawn by staff before being called; counted with walk-outs.</summary>
    Cancelled,
}
