using Hall.Store;

namespace Hall.SiteInspection.Jobs;

/// <summary>
/// Site inspection's own tables (prefix inspection_): resumable uploads and the checking queue.
/// Append-only: a shipped migration is never edited, only followed by the next number of owner "inspection".
/// </summary>
public sealed class InspectionMigrations : IMigrationSource
{
    public const string Owner = "inspection";

    public IEnumerable<Migration> Migrations =>
    [
        new(Owner, 1, """
            -- One resumable upload of an inspection video. received is the durable offset: bytes up to it were
            -- fsynced before it was written here; a .part file longer than it is cut back to it on the next append.
            CREATE TABLE inspection_uploads(
                id TEXT PRIMARY KEY,
                application_id TEXT NOT NULL,
                file_name TEXT NOT NULL,
                content_type TEXT NOT NULL,
                size INTEGER NOT NULL CHECK(size > 0),
                received INTEGER NOT NULL DEFAULT 0,
                state TEXT NOT NULL CHECK(state IN ('receiving', 'complete', 'refused', 'cancelled', 'abandoned')),
                container TEXT,
                expected_sha256 TEXT,
                sha256 TEXT,
                path TEXT,
                job_id INTEGER,
                error_code TEXT,
                error_message TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                completed_at TEXT);
            CREATE INDEX inspection_uploads_application ON inspection_uploads(application_id, created_at);
            CREATE INDEX inspection_uploads_state ON inspection_uploads(state, updated_at);
            -- One check of a received video. attempts counts the runs that count (a clean stop gives one back); claim
            -- only grows: every write of a run names it, so a run that lost its claim cannot touch the next one.
            -- Times are UTC ISO-8601 and compare as text.
            CREATE TABLE inspection_jobs(
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                application_id TEXT NOT NULL,
                upload_id TEXT NOT NULL UNIQUE REFERENCES inspection_uploads(id),
                video_path TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                state TEXT NOT NULL CHECK(state IN ('queued', 'running', 'done', 'failed')),
                progress INTEGER NOT NULL DEFAULT 0 CHECK(progress BETWEEN 0 AND 100),
                stage TEXT NOT NULL DEFAULT '',
                attempts INTEGER NOT NULL DEFAULT 0,
                claim INTEGER NOT NULL DEFAULT 0,
                error TEXT,
                not_before TEXT NOT NULL,
                queued_at TEXT NOT NULL,
                started_at TEXT,
                finished_at TEXT,
                updated_at TEXT NOT NULL);
            CREATE INDEX inspection_jobs_queue ON inspection_jobs(state, queued_at, id);
            CREATE INDEX inspection_jobs_application ON inspection_jobs(application_id, id);
            """),
    ];
}
