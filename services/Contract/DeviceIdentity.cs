namespace Hall.Contract;

/// <summary>Who sent a request, as the broker authenticated it; never read from payload or topic.</summary>
public sealed record DeviceIdentity(string DeviceId, DeviceRole Role, string? Counter);
