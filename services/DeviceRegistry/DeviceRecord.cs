using Hall.Contract;

namespace Hall.DeviceRegistry;

/// <summary>An enrolled device as the registry lists it (never with its secret); <c>Village</c> is its village point, if any.</summary>
public sealed record DeviceRecord(string DeviceId, DeviceRole Role, string? Counter, DateTimeOffset EnrolledAt, DateTimeOffset? RevokedAt, string? Note)
{
    public string? Village { get; init; }

    /// <summary>A browser (web kiosk, rating tablet, counter page) holding a device cookie, not an MQTT client.</summary>
    public bool Web { get; init; }

    /// <summary>A web device whose one-time setup link has not been opened yet.</summary>
    public bool SetupPending { get; init; }

    /// <summary>The device that took this one's place (hallctl device replace); what this one did stays under its own id.</summary>
    public string? ReplacedBy { get; init; }
}
