using Hall.Store;

namespace Hall.Sync.Evidence;

/// <summary>The uploads of videos the county asked for (owner "evidence"); append-only, as every migration list.</summary>
public sealed class EvidenceMigrations : IMigrationSource
{
    public const string Owner = "evidence";

    public IEnumerable<Migration> Migrations =>
    [
        new(Owner, 1, """
            -- One video the county hub asked for (a video-request message). state: pending (not yet begun) → uploading →
            -- sent (the hub has it whole), or gone (the box no longer keeps the video). The hub holds the offset: after any
            -- cut or restart the box asks it, so the row keeps only what the console shows.
            CREATE TABLE evidence_uploads(
                request_id TEXT PRIMARY KEY,
                inspection_id TEXT NOT NULL,
                message_id TEXT,
                state TEXT NOT NULL CHECK(state IN ('pending', 'uploading', 'sent', 'gone', 'refused')),
                size INTEGER,
                sent_bytes INTEGER NOT NULL DEFAULT 0,
                discards INTEGER NOT NULL DEFAULT 0,
                error TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                sent_at TEXT);
            CREATE INDEX evidence_uploads_open ON evidence_uploads(state, created_at);
            """),
    ];
}
