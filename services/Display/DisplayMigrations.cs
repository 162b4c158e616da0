using Hall.Store;

namespace Hall.Display;

/// <summary>The display's own tables: recent calls and waiting counts, to rebuild the board at box start.</summary>
public sealed class DisplayMigrations : IMigrationSource
{
    public const string Owner = "display";

    public IEnumerable<Migration> Migrations =>
    [
        new(Owner, 1, """
            CREATE TABLE display_calls(
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                ticket_no TEXT NOT NULL,
                counter TEXT NOT NULL,
                counter_name TEXT,
                recall INTEGER NOT NULL,
                announcement TEXT NOT NULL,
                -- What espeak-ng is given; the audio key is derived from it, never taken from a URL.
                spoken TEXT NOT NULL,
                called_at TEXT NOT NULL);
            """),
    ];
}
