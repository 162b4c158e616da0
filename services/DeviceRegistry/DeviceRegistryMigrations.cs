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
        // A change mark for the broker: any write to devices (the admin page, hallctl from another process, the county's
        // revocations) bumps it, so the box can poll one cheap row and cut the sessions of a revoked or replaced device.
        // Its own owner, so that it does not collide with later columns of "devices".
        new("device-changes", 1, """
            CREATE TABLE device_changes(id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL);
            INSERT INTO device_changes(id, generation) VALUES (1, 0);
            CREATE TRIGGER devices_inserted AFTER INSERT ON devices BEGIN UPDATE device_changes SET generation = generation + 1 WHERE id = 1; END;
            CREATE TRIGGER devices_updated AFTER UPDATE ON devices BEGIN UPDATE device_changes SET generation = generation + 1 WHERE id = 1; END;
            CREATE TRIGGER devices_deleted AFTER DELETE ON devices BEGIN UPDATE device_changes SET generation = generation + 1 WHERE id = 1; END;
            """),
        // Web devices (the web kiosk, the rating tablet, the counter page): web = 1, their secret_hash is the hash of
        // the device cookie's token. setup_hash is the SHA-256 of the one-time setup code a technician opens once on
        // the device's browser; it is cleared when used, and worthless after setup_expires_at.
        new("devices", 3, """
            ALTER TABLE devices ADD COLUMN web INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE devices ADD COLUMN setup_hash BLOB;
            ALTER TABLE devices ADD COLUMN setup_expires_at TEXT;
            CREATE UNIQUE INDEX devices_setup_hash ON devices(setup_hash) WHERE setup_hash IS NOT NULL;
            """),
    ];
}
