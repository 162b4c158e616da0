namespace Hall.DeviceRegistry;

/// <summary>What a technician gets once at enrollment; the box keeps only a hash of the password.</summary>
public sealed record DeviceCredentials(string DeviceId, string Role, string? Counter, string Username, string Password)
{
    /// <summary>The village point the device serves, null for the township hall's own devices.</summary>
    public string? Village { get; init; }

    /// <summary>
    /// A web device's one-time setup path (<c>/setup/{code}</c>), null for an MQTT device. Opened once in the device's
    /// browser on this box (<c>http://box:8080/setup/…</c>, the link the admin console and hallctl print as a QR code),
    /// it leaves the browser holding the device's cookie. The password of a web device is empty: it never has one.
    /// </summary>
    public string? SetupPath { get; init; }

    /// <summary>When an unused setup path stops working (a web device only).</summary>
    public DateTimeOffset? SetupExpiresAt { get; init; }

    /// <summary>
    /// The box's certificate fingerprint (lowercase hex SHA-256), filled in by whoever hands the credentials out: the
    /// device pins it and so talks over TLS to this box only. It travels in the device's QR code.
    /// </summary>
    public string? BoxCertificateSha256 { get; init; }
}
