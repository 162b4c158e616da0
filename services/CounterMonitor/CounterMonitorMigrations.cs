using Hall.Store;

namespace Hall.CounterMonitor;

/// <summary>Counter monitoring's own tables (prefix monitor_). Append-only: a shipped migration is never edited.</summary>
public sealed class CounterMonitorMigrations : IMigrationSource
{
    public const string Owner = "monitor";

    public IEnumerable<Migration> Migrations =>
    [
        new(Owner, 1, """
            -- Cameras added on the admin page (those in the settings file are not stored).
            CREATE TABLE monitor_cameras(
                id TEXT PRIMARY KEY,
                source TEXT NOT NULL,
                role TEXT NOT NULL CHECK(role IN ('counter', 'waiting-area')),
                counter TEXT,
                sample_rate REAL NOT NULL,
                max_people INTEGER NOT NULL,
                enabled INTEGER NOT NULL,
                updated_at TEXT NOT NULL);
            -- Absences past the staff-absent threshold (离岗), for the monthly window report. day is the hall-local date.
            CREATE TABLE monitor_absences(
                id INTEGER PRIMARY KEY,
                counter TEXT NOT NULL,
                staff_id TEXT,
                staff_name TEXT,
                day TEXT NOT NULL,
                started_at TEXT NOT NULL,
                ended_at TEXT NOT NULL,
                seconds REAL NOT NULL);
            CREATE INDEX monitor_absences_day ON monitor_absences(day, counter);
            """),
    ];
}
