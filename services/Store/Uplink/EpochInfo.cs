namespace Hall.Store.Uplink;

/// <summary>One epoch of the outbox: its id, its first sequence number, when and why it began.</summary>
public sealed record EpochInfo(string Epoch, long FirstSeq, DateTimeOffset StartedAt, string Reason);
