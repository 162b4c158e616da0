namespace Hall.Contract;

/// <summary>Who sent a request, as the broker authenticated it; never read from payload or topic.</summary>
public sealed record DeviceIdentity(string DeviceId, DeviceRole Role, string? Counter)
{
    /// <summary>
    /// The village point (村级代办点) the device was enrolled under, null for the township hall's own devices. Fixed at
    /// enrollment like the role and counter: what a village device causes is counted for this village, whatever it sends.
    /// </summary>
    public string? Village { get; init; }

    /// <summary>
    /// For a page standing in for a device (the counter page): who is really there, as the sign-in limiter counts it
    /// (the browser's address). Null for an MQTT device, which is counted by its own device id.
    /// </summary>
    public string? SignInSource { get; init; }
}
