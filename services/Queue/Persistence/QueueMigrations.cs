using Hall.Store;

namespace Hall.Queue.Persistence;

/// <summary>The queue's own tables (prefix queue_). Append-only: a shipped migration is never edited.</summary>
public sealed class QueueMigrations : IMigrationSource
{
    public const string Owner = "queue";

    public IEnumerable<Migration> Migrations =>
    [
        new(Owner, 1, """
            CREATE TABLE queue_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            -- Salt for ID card hashes: the box never stores an ID number.
            INSERT INTO queue_meta(key, value) VALUES ('id_salt', lower(hex(randomblob(16))));
            CREATE TABLE queue_categories(
                prefix TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                active INTEGER NOT NULL,
                daily_limit INTEGER NOT NULL,
                sort INTEGER NOT NULL);
            CREATE TABLE queue_counters(
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                categories TEXT NOT NULL,
                interleave TEXT,
                status TEXT NOT NULL,
                since TEXT NOT NULL,
                pause_reason TEXT,
                staff_id TEXT,
                staff_name TEXT,
                current_day TEXT,
                current_ticket TEXT,
                ordinary_streak INTEGER NOT NULL,
                priority_streak INTEGER NOT NULL,
                sort INTEGER NOT NULL);
            -- One row per issued number; (day, ticket_no) is never reused, which is what keeps numbers unique across restarts.
            CREATE TABLE queue_tickets(
                day TEXT NOT NULL,
                ticket_no TEXT NOT NULL,
                issue_prefix TEXT NOT NULL,
                number INTEGER NOT NULL,
                category TEXT NOT NULL,
                kind TEXT NOT NULL,
                issued_at TEXT NOT NULL,
                status TEXT NOT NULL,
                for_counter TEXT,
                counter TEXT,
                staff_id TEXT,
                called_at TEXT,
                ended_at TEXT,
                recalls INTEGER NOT NULL,
                overtaken INTEGER NOT NULL,
                reprints INTEGER NOT NULL,
                id_hash TEXT,
                appointment_code TEXT,
                PRIMARY KEY(day, ticket_no));
            CREATE INDEX queue_tickets_status ON queue_tickets(status);
            CREATE INDEX queue_tickets_finished ON queue_tickets(category, ended_at) WHERE status = 'finished';
            """),
        // Village points (村级代办点): a ticket from a village kiosk and a counter at a village carry its id.
        new(Owner, 2, """
            ALTER TABLE queue_tickets ADD COLUMN village TEXT;
            ALTER TABLE queue_counters ADD COLUMN village TEXT;
            """),
    ];
}
