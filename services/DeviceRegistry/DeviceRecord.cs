using Hall.Contract;

namespace Hall.DeviceRegistry;

/// <summary>An enrolled device as the registry lists it (never with its secret).</summary>
public sealed record DeviceRecord(string DeviceId, DeviceRole Role, string? Counter, DateTimeOffset EnrolledAt, DateTimeOffset? RevokedAt, string? Note);
