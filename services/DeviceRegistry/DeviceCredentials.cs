namespace Hall.DeviceRegistry;

/// <summary>What a technician gets once at enrollment; the box keeps only a hash of the password.</summary>
public sealed record DeviceCredentials(string DeviceId, string Role, string? Counter, string Username, string Password)
{
    /// <summary>The village point the device serves, null for the township hall's own devices.</summary>
    public string? Village { get; init; }
}
