using Hall.Store;

namespace Hall.Staff;

/// <summary>The staff table. PIN and password are PBKDF2 hashes with their salt and iteration count.</summary>
public sealed class StaffMigrations : IMigrationSource
{
    public IEnumerable<Migration> Migrations =>
    [
        new("staff", 1, """
            CREATE TABLE staff(
                staff_id TEXT PRIMARY KEY COLLATE NOCASE,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                pin_hash TEXT,
                password_hash TEXT,
                password_stamp INTEGER NOT NULL DEFAULT 0,
                active INTEGER NOT NULL DEFAULT 1,
                pin_failures INTEGER NOT NULL DEFAULT 0,
                pin_locked_until TEXT,
                password_failures INTEGER NOT NULL DEFAULT 0,
                password_locked_until TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL);
            """),
    ];
}
