namespace Hall.DeviceRegistry;

/// <summary>What a technician gets once at enrollment; the box keeps only a hash of the password.</summary>
public sealed record DeviceCredentials(string DeviceId, string Role, string? Counter, string Username, string Password)
{
    /// <summary>The village point the device serves, null for the township hall's own devices.</summary>
    public string? Village { get; init; }

    /// <summary>
    /// The box's certificate fingerprint (lowercase hex SHA-256), filled in by whoever hands the credentials out: the
    /// device pins it and so talks over TLS to this box only. It travels in the device's QR code.
    /// </summary>
    public string? BoxCertificateSha256 { get; init; }
}
