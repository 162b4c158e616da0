namespace Hall.CountyHub.Storage;

/// <summary>An enrolled box as the hub keeps it (table <c>boxes</c>).</summary>
public sealed record BoxRecord(
    string BoxId,
    string PublicKey,
    string KeyId,
    DateTimeOffset EnrolledAt,
    DateTimeOffset? RevokedAt,
    long LastNonce,
    string? HallName,
    string? TimeZone,
    string? CurrentEpoch,
    DateTimeOffset? LastContactAt,
    DateTimeOffset? LastBatchAt,
    long? LastSkewMs);
