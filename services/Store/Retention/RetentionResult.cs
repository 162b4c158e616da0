namespace Hall.Store.Retention;

/// <summary>What a retention pass did and found: the outbox figures count only rows the hub has not acknowledged.</summary>
public sealed record RetentionResult(int RequestLogPruned, long OutboxRows, long OutboxBytes, int OutboxPruned = 0);
