using System.Security.Cryptography;
using Hall.Contract;

namespace Hall.DeviceRegistry;

/// <summary>
/// What the broker needs to keep open sessions honest: a login with a credential mark, the devices table's change
/// mark (bumped by triggers, so a write by hallctl from another process or by the county's downlink is seen too),
/// the active devices' marks, and who owns a client id.
/// </summary>
public sealed partial class DeviceRegistryService
{
    /// <summary>Raised in this process after an enrollment, a replacement or a revocation has been committed.</summary>
    public event EventHandler? Changed;

    /// <summary>Who the client is with the mark of its credentials, or null for an unknown, revoked or wrong-secret client.</summary>
    public DeviceLogin? Login(string? username, string? password)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return null;
        }

        using var connection = _database.Open();
        if (DeviceStore.FindActive(connection, username) is not { } device
            || !CryptographicOperations.FixedTimeEquals(device.Hash, Hash(device.Salt, password)))
        {
            return null;
        }

        return new DeviceLogin(new DeviceIdentity(username, device.Role, device.Counter) { Village = device.Village }, CredentialMark(device.Hash));
    }

    /// <summary>A number that changes whenever any row of the devices table changes, whoever wrote it. One small read.</summary>
    public long ChangeMark()
    {
        using var connection = _database.Open();
        return DeviceStore.ChangeMark(connection);
    }

    /// <summary>Every active device and the mark of its current credentials.</summary>
    public IReadOnlyDictionary<string, string> ActiveCredentials()
    {
        using var connection = _database.Open();
        return DeviceStore.ActiveHashes(connection).ToDictionary(d => d.DeviceId, d => CredentialMark(d.Hash), StringComparer.Ordinal);
    }

    /// <summary>True when <paramref name="deviceId"/> may use <paramref name="clientId"/> (see <see cref="ClientIdRule"/>).</summary>
    public bool MayUseClientId(string deviceId, string clientId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(clientId);
        if (!ClientIdRule.HasShapeOf(deviceId, clientId))
        {
            return false;
        }

        using var connection = _database.Open();
        return ClientIdRule.MayUse(deviceId, clientId, DeviceStore.IdsOwning(connection, clientId));
    }

    private void OnChanged() => Changed?.Invoke(this, EventArgs.Empty);

    // A prefix of the salted hash: enough to tell two credentials apart, useless to an attacker.
    private static string CredentialMark(byte[] hash) => Convert.ToHexString(hash, 0, Math.Min(8, hash.Length));
}
