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
        new(Owner, 2, """
            -- Inspection rules per catalogue item (踏勘要点…), as JSON; seeded at start, replaced by the county's pushes.
            CREATE TABLE inspection_rules(
                item_code TEXT PRIMARY KEY,
                version INTEGER NOT NULL,
                rule_json TEXT NOT NULL,
                updated_at TEXT NOT NULL);
            -- Applications whose site is inspected by video. access_key opens the applicant's page (a QR code).
            CREATE TABLE inspection_applications(
                id TEXT PRIMARY KEY,
                item_code TEXT NOT NULL,
                applicant TEXT NOT NULL,
                address TEXT NOT NULL,
                window_from TEXT NOT NULL,
                window_to TEXT NOT NULL,
                case_number TEXT,
                access_key TEXT NOT NULL,
                created_by TEXT,
                created_at TEXT NOT NULL);
            -- What the uploader said of an upload: where each inspection point is (seconds), and what it rectifies.
            CREATE TABLE inspection_marks(
                upload_id TEXT PRIMARY KEY,
                application_id TEXT NOT NULL,
                marks_json TEXT NOT NULL,
                rectification_of TEXT);
            -- One verdict per checked upload (upserted: a job cut after it wrote runs again). The video stays in the
            -- hall until video_expires, unless the hub asked for it (held).
            CREATE TABLE inspection_verdicts(
                inspection_id TEXT PRIMARY KEY,
                application_id TEXT NOT NULL,
                upload_id TEXT NOT NULL UNIQUE,
                rectification_of TEXT,
                passed INTEGER NOT NULL,
                verdict_json TEXT NOT NULL,
                signed_pack_json TEXT NOT NULL,
                video_path TEXT,
                video_sha256 TEXT NOT NULL,
                video_expires TEXT NOT NULL,
                held INTEGER NOT NULL DEFAULT 0,
                video_deleted_at TEXT,
                checked_at TEXT NOT NULL);
            CREATE INDEX inspection_verdicts_application ON inspection_verdicts(application_id, checked_at);
            """),
    ];
}
