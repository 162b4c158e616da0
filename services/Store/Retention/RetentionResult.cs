namespace Hall.Store.Retention;

/// <summary>What a retention pass did and found.</summary>
public sealed record RetentionResult(int RequestLogPruned, long OutboxRows, long OutboxBytes);
