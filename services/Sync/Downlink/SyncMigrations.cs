using Hall.Store;

namespace Hall.Sync.Downlink;

/// <summary>The downlink's tables on the box (prefix sync_). Append-only: a shipped migration is never edited.</summary>
public sealed class SyncMigrations : IMigrationSource
{
    public const string Owner = "sync";

    public IEnumerable<Migration> Migrations =>
    [
        new(Owner, 1, """
            -- The county configuration version the box runs (one row once a version was applied), with its bundle as received.
            CREATE TABLE sync_config(
                id INTEGER PRIMARY KEY CHECK(id = 1),
                version INTEGER NOT NULL,
                applied_at TEXT NOT NULL,
                issued_at TEXT,
                note TEXT,
                bundle TEXT NOT NULL);
            -- Versions the box refused and why; the old version stayed.
            CREATE TABLE sync_config_refusals(
                version INTEGER NOT NULL,
                code TEXT NOT NULL,
                message TEXT NOT NULL,
                refused_at TEXT NOT NULL,
                PRIMARY KEY(version, code));
            -- The county's settings as the box runs them (those the hall keeps locally left out).
            CREATE TABLE sync_county_settings(
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL);
            -- Messages from the hub, stored by id before they are handed to their handler (handled_at set once it succeeded).
            CREATE TABLE sync_downlink(
                message_id TEXT PRIMARY KEY,
                cursor INTEGER NOT NULL,
                type TEXT NOT NULL,
                at TEXT NOT NULL,
                data TEXT NOT NULL,
                received_at TEXT NOT NULL,
                handled_at TEXT,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT);
            CREATE INDEX sync_downlink_pending ON sync_downlink(handled_at, cursor);
            """),
    ];
}
