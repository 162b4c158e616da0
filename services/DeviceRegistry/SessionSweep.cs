namespace Hall.DeviceRegistry;

/// <summary>
/// Which open sessions must be cut after the devices table changed: those of a device that is no longer active
/// (revoked, or gone) and those opened with credentials the device no longer has (replaced). Plain and pure.
/// </summary>
public static class SessionSweep
{
    /// <param name="sessions">Open sessions: the client id, its device and the credential mark it connected with.</param>
    /// <param name="active">Every active device and its current credential mark.</param>
    /// <returns>The client ids to disconnect.</returns>
    public static IReadOnlyList<string> ToCut(IEnumerable<OpenSession> sessions, IReadOnlyDictionary<string, string> active)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(active);
        return sessions
            .Where(s => !active.TryGetValue(s.DeviceId, out var credential) || credential != s.Credential)
            .Select(s => s.ClientId)
            .ToList();
    }

    /// <summary>One open MQTT session as the broker knows it.</summary>
    public sealed record OpenSession(string ClientId, string DeviceId, string Credential);
}
