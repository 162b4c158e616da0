using Hall.Store;

namespace Hall.DeviceRegistry;

/// <summary>The registry's tables.</summary>
public sealed class DeviceRegistryMigrations : IMigrationSource
{
    public IEnumerable<Migration> Migrations =>
    [
        new("devices", 1, """
            CREATE TABLE devices(
                device_id TEXT PRIMARY KEY,
                role TEXT NOT NULL,
                counter TEXT,
                secret_salt BLOB NOT NULL,
                secret_hash BLOB NOT NULL,
                enrolled_at TEXT NOT NULL,
                revoked_at TEXT,
                note TEXT);
            """),
    ];
}
