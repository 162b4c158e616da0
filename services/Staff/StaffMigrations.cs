using Hall.Store;

namespace Hall.Staff;

/// <summary>The staff table (PIN and password are PBKDF2 hashes with their salt and iteration count) and its sign-in sessions.</summary>
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

        // Server-side sign-in sessions (admin page, counter page): a cookie names one by a random token, kept here only
        // as its SHA-256, and it works only while its row is live. Logout, a new password or PIN, deactivation end it.
        new("staff", 2, """
            CREATE TABLE staff_sessions(
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                token_hash TEXT NOT NULL UNIQUE,
                staff_id TEXT NOT NULL COLLATE NOCASE,
                kind TEXT NOT NULL,
                counter TEXT,
                address TEXT,
                created_at TEXT NOT NULL,
                last_seen_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                ended_at TEXT,
                ended_why TEXT);
            CREATE INDEX staff_sessions_staff ON staff_sessions(staff_id, ended_at);
            """),
    ];
}
