namespace Hall.Contract.Downlink;

/// <summary>Payload of <see cref="ConfigEvents.Applied"/>: the version now running, since <paramref name="AppliedAt"/>.</summary>
public sealed record ConfigApplied(long Version, DateTimeOffset AppliedAt, string? Note);
