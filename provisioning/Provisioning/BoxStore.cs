using Hall.DeviceRegistry;
using Hall.Staff;
using Hall.Store;

namespace Hall.Provisioning;

/// <summary>The box's store as hallctl opens it, on the box or on a copy of its data directory.</summary>
public static class BoxStore
{
    public static DeviceRegistryService Registry(string dataDirectory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var database = new HallDatabase(Path.Combine(dataDirectory, "hall.db"));

        // The CLI may run before the box ever has: bring the tables it needs up to date (migrations are idempotent).
        Migrator.Apply(database, new StoreMigrations().Migrations.Concat(new DeviceRegistryMigrations().Migrations), time.GetUtcNow());
        return new DeviceRegistryService(database, time);
    }

    public static StaffDirectory Staff(string dataDirectory, TimeProvider time) =>
        StaffDirectory.OpenForTool(new HallDatabase(Path.Combine(dataDirectory, "hall.db")), time);
}
