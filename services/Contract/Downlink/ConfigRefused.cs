namespace Hall.Contract.Downlink;

/// <summary>Payload of <see cref="ConfigEvents.Refused"/>: the version refused, why (a <see cref="DownlinkErrorCodes"/> code and a Chinese message), and the version kept.</summary>
public sealed record ConfigRefused(long Version, string Code, string Message, long Running, DateTimeOffset RefusedAt);
