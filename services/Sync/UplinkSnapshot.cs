namespace Hall.Sync;

/// <summary>The uplink at one moment, for the console, /healthz and /metrics.</summary>
public sealed record UplinkSnapshot(
    LinkState State,
    string? Hub,
    DateTimeOffset? LastSuccessAt,
    string? LastErrorCode,
    string? LastErrorMessage,
    DateTimeOffset? LastErrorAt,
    long BacklogEvents,
    long BacklogBytes,
    long AckedSeq,
    int BatchEvents,
    long BatchesAcknowledged,
    long BatchesFailed,
    long EventsAcknowledged,
    long BytesSent,
    TimeSpan? HubClockOffset);
