namespace Hall.Sync.Wire;

/// <summary>What a batch says about the box beside its events: who, where, its clocks when it was sent, and what waits after it.</summary>
public sealed record BatchHeader(string BoxId, string HallName, string TimeZone, string ClockEpoch, DateTimeOffset SentAt, long Hlc, long? Backlog = null);
