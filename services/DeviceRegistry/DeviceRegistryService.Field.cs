using Hall.Contract;
using Hall.Contract.Identity;
using Hall.Store;

namespace Hall.DeviceRegistry;

/// <summary>Field enrollment: a county ticket redeemed once, and a unit replaced by another that takes over its counter.</summary>
public sealed partial class DeviceRegistryService
{
    /// <summary>
    /// Enrolls the device a checked ticket (<see cref="EnrollmentTickets.Verify"/>) names, and marks the ticket redeemed
    /// in the same transaction: a second use, even racing the first, is refused with <see cref="ErrorCodes.TicketUsed"/>
    /// and changes nothing.
    /// </summary>
    public DeviceCredentials EnrollWithTicket(EnrollmentTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (!TryParseRole(ticket.Role, out var role))
        {
            throw new EnrollmentException(ErrorCodes.InvalidField, $"登记票上的角色 '{ticket.Role}' 本盒子不认识;请向县级中心重新申请");
        }

        Validate(ticket.DeviceId, role, ticket.Counter);
        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        if (!EnrollmentStore.Redeem(connection, write.Transaction, ticket.TicketId, ticket.DeviceId, _time.GetUtcNow()))
        {
            throw new EnrollmentException(ErrorCodes.TicketUsed, $"这张登记票已经用过(每张票只能登记一次);设备 {ticket.DeviceId} 若还连不上,请在 hallctl device list 查看,并向县级中心重新申请");
        }

        var credentials = EnrollIn(connection, write.Transaction, ticket.DeviceId, role, ticket.Counter, ticket.Replace, "县级中心登记票 " + ticket.TicketId, ticket.Village);
        write.Transaction.Commit();
        OnChanged();
        return credentials;
    }

    /// <summary>
    /// Replaces a unit: <paramref name="newDeviceId"/> is enrolled with the old one's role, counter and village, the old
    /// one is revoked, and the link old → new is kept. What each did stays under its own id (tickets, ratings and the
    /// outbox name the device that did it); the counter's history is the counter's, so the new unit carries it on.
    /// </summary>
    public DeviceCredentials Replace(string oldDeviceId, string newDeviceId)
    {
        ArgumentNullException.ThrowIfNull(oldDeviceId);
        ArgumentNullException.ThrowIfNull(newDeviceId);
        if (string.Equals(oldDeviceId, newDeviceId, StringComparison.Ordinal))
        {
            throw new EnrollmentException(ErrorCodes.InvalidField, "新旧设备编号相同;同一台设备换密钥请用 hallctl device enroll --replace");
        }

        var now = _time.GetUtcNow();
        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        var tx = write.Transaction;
        if (EnrollmentStore.Find(connection, tx, oldDeviceId) is not { Revoked: false } old)
        {
            throw new EnrollmentException(ErrorCodes.UnknownDevice, $"没有已登记且未吊销的设备 {oldDeviceId}(见 hallctl device list)");
        }

        if (EnrollmentStore.Find(connection, tx, newDeviceId) is not null)
        {
            throw new EnrollmentException(ErrorCodes.DeviceExists, $"设备编号 {newDeviceId} 已经用过;新设备请换一个编号");
        }

        var role = Enum.Parse<DeviceRole>(old.Role, ignoreCase: true);
        Validate(newDeviceId, role, old.Counter);
        var credentials = EnrollIn(connection, tx, newDeviceId, role, old.Counter, replace: false, note: $"替换 {oldDeviceId}", village: old.Village);
        DeviceStore.Revoke(connection, tx, oldDeviceId, now);
        Outbox.Append(tx, "DeviceRevoked", HallJson.SerializeToString(new { ts = now, deviceId = oldDeviceId }), now);
        EnrollmentStore.Replaced(connection, tx, oldDeviceId, newDeviceId, now);
        Outbox.Append(tx, "DeviceReplaced", HallJson.SerializeToString(new { ts = now, deviceId = newDeviceId, replaces = oldDeviceId, role = old.Role, counter = old.Counter, village = old.Village }), now);
        tx.Commit();
        OnChanged();
        return credentials;
    }

    /// <summary>Old device id → the id that replaced it (hallctl device list shows it as <c>replacedBy</c>).</summary>
    public IReadOnlyDictionary<string, string> Replacements()
    {
        using var connection = _database.Open();
        return EnrollmentStore.Replacements(connection);
    }
}
