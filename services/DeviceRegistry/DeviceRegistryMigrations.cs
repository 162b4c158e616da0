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
        // Village points (村级代办点) whose devices connect through this box. A device enrolled under one carries its
        // id; items is a JSON array of the catalogue items the point handles; source says who set the row: 'county'
        // (the config bundle sent down) or 'local' (hallctl village add, before the county has sent any).
        new("devices", 2, """
            ALTER TABLE devices ADD COLUMN village TEXT;
            CREATE TABLE village_points(
                village_id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                items TEXT NOT NULL,
                source TEXT NOT NULL,
                updated_at TEXT NOT NULL);
            """),
        // Field enrollment (its own owner, so it numbers apart from the devices table's steps). enrollment_tickets keeps
        // every county ticket the box redeemed, so each enrolls once; device_replacements links a replaced unit to the
        // one that took its place (hallctl device replace): what each did stays under its own id, the chain is here.
        new("enrollment", 1, """
            CREATE TABLE enrollment_tickets(
                ticket_id TEXT PRIMARY KEY,
                device_id TEXT NOT NULL,
                redeemed_at TEXT NOT NULL);
            CREATE TABLE device_replacements(
                old_device_id TEXT PRIMARY KEY,
                new_device_id TEXT NOT NULL,
                replaced_at TEXT NOT NULL);
            """),
    ];
}
