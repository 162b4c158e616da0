namespace Hall.DeviceRegistry;

/// <summary>
/// Which MQTT client ids a device may use: its own device id, or <c>{deviceId}-{suffix}</c>. The broker keeps one
/// session per client id and a second connection with the same id takes the first one over, so an id must belong to
/// exactly one device: when enrolled ids nest (<c>caller</c> and <c>caller-1</c>), <c>caller-1-x</c> is
/// <c>caller-1</c>'s, the longest enrolled id it starts with. Plain and pure; the registry supplies the enrolled ids.
/// </summary>
public static class ClientIdRule
{
    /// <summary>Longer ids are refused: a client id names a session, nothing more needs to fit in it.</summary>
    public const int MaxLength = 128;

    /// <summary>True when <paramref name="clientId"/> has the shape of one of <paramref name="deviceId"/>'s ids.</summary>
    public static bool HasShapeOf(string deviceId, string clientId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(clientId);
        return clientId.Length <= MaxLength
            && (clientId == deviceId
                || (clientId.Length > deviceId.Length + 1
                    && clientId.StartsWith(deviceId, StringComparison.Ordinal)
                    && clientId[deviceId.Length] == '-'));
    }

    /// <summary>The enrolled device a client id belongs to (the longest enrolled id it has the shape of), or null.</summary>
    public static string? Owner(string clientId, IEnumerable<string> enrolledIds)
    {
        ArgumentNullException.ThrowIfNull(enrolledIds);
        return enrolledIds.Where(id => HasShapeOf(id, clientId)).MaxBy(id => id.Length);
    }

    /// <summary>True when <paramref name="deviceId"/> may connect with <paramref name="clientId"/>.</summary>
    public static bool MayUse(string deviceId, string clientId, IEnumerable<string> enrolledIds) =>
        HasShapeOf(deviceId, clientId) && Owner(clientId, enrolledIds) == deviceId;
}
