namespace Hall.Display;

/// <summary>A call as the display keeps it.</summary>
public sealed record StoredCall(
    string TicketNo,
    string Counter,
    string? CounterName,
    bool Recall,
    string Announcement,
    string Spoken,
    DateTimeOffset CalledAt);
