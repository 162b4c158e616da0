using Hall.Contract.Downlink;
using Hall.Store.Config;
using Hall.Store.Writer;

namespace Hall.DeviceRegistry;

/// <summary>
/// The device registry's part of a county configuration version: the devices the county revoked (a stolen kiosk, a
/// replaced evaluator) can no longer connect. An id this box never enrolled, or already revoked, changes nothing. The
/// hall's village points (村级代办点) become the county's list: a device can be enrolled only under one of them.
/// </summary>
public sealed class DeviceConfigPart : IConfigPart
{
    public IEnumerable<string> Check(ConfigBundle bundle) => [];

    public void Apply(WriteContext context, ConfigBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(bundle);
        foreach (var deviceId in bundle.RevokedDevices)
        {
            if (DeviceStore.Revoke(context.Connection, context.Transaction, deviceId, context.Now))
            {
                context.Record("DeviceRevoked", new { ts = context.Now, deviceId, by = "county", configVersion = bundle.Version }, context.Now);
            }
        }

        VillagePointStore.ReplaceWithCountyList(context.Connection, context.Transaction, bundle.VillagePoints, context.Now);
    }

    public void RolledBack(Exception exception)
    {
        // Nothing in memory: a device is checked against the table when it connects.
    }
}
