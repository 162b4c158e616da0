namespace Hall.Store;

/// <summary>The store's own tables: box identity, the outbox, the request log and the alert board.</summary>
public sealed class StoreMigrations : IMigrationSource
{
    public IEnumerable<Migration> Migrations =>
    [
        new("store", 1, """
            CREATE TABLE box_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT INTO box_meta(key, value) VALUES ('epoch', lower(hex(randomblob(8))));
            -- AUTOINCREMENT: a sequence number is never handed out twice, even after pruning.
            CREATE TABLE outbox(
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                type TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at TEXT NOT NULL);
            CREATE TABLE request_log(
                device_id TEXT NOT NULL,
                request_id TEXT NOT NULL,
                name TEXT NOT NULL,
                reply TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY(device_id, request_id));
            CREATE INDEX request_log_created ON request_log(created_at);
            """),
        new("store", 2, """
            -- The secret behind the keys in ticket links (QR codes); never leaves the box.
            INSERT INTO box_meta(key, value) VALUES ('ticket_key', lower(hex(randomblob(32))));
            """),
        new("store", 3, """
            -- The alert board: every alert raised or cleared, one row per condition (type and what it is about).
            CREATE TABLE alerts(
                key TEXT PRIMARY KEY,
                type TEXT NOT NULL,
                active INTEGER NOT NULL,
                alert TEXT NOT NULL,
                raised_at TEXT NOT NULL,
                updated_at TEXT NOT NULL);
            CREATE INDEX alerts_active ON alerts(active, updated_at);
            """),
        new("store", 4, """
            -- The uplink (docs/sync.md). Every outbox row carries the box's hybrid logical clock, computed in its insert;
            -- rows from before this migration carry 0.
            ALTER TABLE outbox ADD COLUMN hlc INTEGER NOT NULL DEFAULT 0;
            -- An epoch covers the consecutive sequence numbers from first_seq to the next epoch's; one begins at every
            -- start of the store, so a box restored from a backup never reuses a (epoch, seq) the hub already has.
            CREATE TABLE epochs(
                epoch TEXT PRIMARY KEY,
                first_seq INTEGER NOT NULL UNIQUE,
                started_at TEXT NOT NULL,
                reason TEXT NOT NULL);
            INSERT INTO epochs(epoch, first_seq, started_at, reason)
                SELECT value, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'first' FROM box_meta WHERE key = 'epoch';
            -- hlc_floor: the clock never reads below it (times seen from the hub, rows pruned);
            -- acked_seq: every outbox row up to it is stored at the hub (moved only from the hub's answer).
            INSERT INTO box_meta(key, value) VALUES ('hlc_floor', '0'), ('acked_seq', '0');
            """),
    ];
}
