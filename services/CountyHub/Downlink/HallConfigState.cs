namespace Hall.CountyHub.Downlink;

/// <summary>Which configuration version a hall runs, since when, and its last refusal (from its config.applied / config.refused events).</summary>
public sealed record HallConfigState(
    string BoxId,
    string? HallName,
    string? TimeZone,
    long? RunningVersion,
    DateTimeOffset? AppliedAt,
    long? RefusedVersion,
    string? RefusedCode,
    string? RefusedMessage,
    DateTimeOffset? RefusedAt,
    DateTimeOffset? LastContactAt);
