namespace Hall.CountyHub.Storage;

/// <summary>
/// The hub's schema, one list for SQLite and PostgreSQL. A shipped step is never edited, only followed by another.
/// Names are snake_case so a county analyst can query the tables directly; times are UTC, <c>hall_day</c> is the
/// hall's own day (yyyy-MM-dd in its zone).
/// </summary>
public static class HubMigrations
{
    public static IReadOnlyList<HubMigration> All { get; } =
    [
        new(1, "boxes, epochs and events", d => $"""
            CREATE TABLE boxes(
                box_id TEXT PRIMARY KEY,
                public_key TEXT NOT NULL,
                key_id TEXT NOT NULL,
                enrolled_at {d.Time} NOT NULL,
                revoked_at {d.Time} NULL,
                last_nonce {d.Int64} NOT NULL DEFAULT 0,
                hall_name TEXT NULL,
                time_zone TEXT NULL,
                current_epoch TEXT NULL,
                last_contact_at {d.Time} NULL,
                last_batch_at {d.Time} NULL,
                last_skew_ms {d.Int64} NULL);
            -- epoch_start and mark stay NULL for an epoch known only as the one the box's clock runs in (its skew)
            -- until a batch of its own events arrives.
            CREATE TABLE box_epochs(
                box_id TEXT NOT NULL,
                epoch TEXT NOT NULL,
                epoch_start {d.Int64} NULL,
                mark {d.Int64} NULL,
                skew_ms {d.Int64} NULL,
                skew_measured_at {d.Time} NULL,
                first_seen_at {d.Time} NOT NULL,
                last_batch_at {d.Time} NULL,
                lost {d.Int64} NOT NULL DEFAULT 0,
                PRIMARY KEY(box_id, epoch));
            CREATE TABLE events(
                box_id TEXT NOT NULL,
                epoch TEXT NOT NULL,
                seq {d.Int64} NOT NULL,
                type TEXT NOT NULL,
                at {d.Time} NOT NULL,
                hall_time {d.Time} NOT NULL,
                hall_day TEXT NOT NULL,
                hlc {d.Int64} NOT NULL,
                received_at {d.Time} NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY(box_id, epoch, seq));
            CREATE INDEX events_by_day ON events(box_id, hall_day, type);
            """),
        new(2, "facts", d => $"""
            CREATE TABLE tickets(
                box_id TEXT NOT NULL,
                hall_day TEXT NOT NULL,
                ticket_no TEXT NOT NULL,
                category TEXT NULL,
                priority TEXT NULL,
                issued_at {d.Time} NULL,
                called_at {d.Time} NULL,
                counter TEXT NULL,
                staff_id TEXT NULL,
                finished_at {d.Time} NULL,
                outcome TEXT NULL,
                transferred_to TEXT NULL,
                PRIMARY KEY(box_id, hall_day, ticket_no));
            CREATE TABLE calls(
                box_id TEXT NOT NULL,
                epoch TEXT NOT NULL,
                seq {d.Int64} NOT NULL,
                hall_day TEXT NOT NULL,
                ticket_no TEXT NOT NULL,
                category TEXT NULL,
                counter TEXT NULL,
                counter_name TEXT NULL,
                staff_id TEXT NULL,
                recall {d.Bool} NOT NULL,
                called_at {d.Time} NOT NULL,
                PRIMARY KEY(box_id, epoch, seq));
            CREATE TABLE services(
                box_id TEXT NOT NULL,
                epoch TEXT NOT NULL,
                seq {d.Int64} NOT NULL,
                hall_day TEXT NOT NULL,
                ticket_no TEXT NOT NULL,
                category TEXT NULL,
                counter TEXT NULL,
                staff_id TEXT NULL,
                staff_name TEXT NULL,
                service_item TEXT NULL,
                case_number TEXT NULL,
                called_at {d.Time} NULL,
                finished_at {d.Time} NOT NULL,
                service_seconds {d.Real} NULL,
                waited_seconds {d.Real} NULL,
                PRIMARY KEY(box_id, epoch, seq));
            CREATE TABLE ratings(
                box_id TEXT NOT NULL,
                rating_id TEXT NOT NULL,
                hall_day TEXT NOT NULL,
                result TEXT NOT NULL,
                ticket_no TEXT NULL,
                counter TEXT NULL,
                staff_id TEXT NULL,
                staff_name TEXT NULL,
                service_item TEXT NULL,
                level INTEGER NULL,
                channel TEXT NULL,
                case_id TEXT NULL,
                re_rating_of TEXT NULL,
                reasons TEXT NULL,
                at {d.Time} NOT NULL,
                PRIMARY KEY(box_id, rating_id));
            CREATE TABLE bad_review_cases(
                box_id TEXT NOT NULL,
                case_id TEXT NOT NULL,
                rating_id TEXT NULL,
                ticket_no TEXT NULL,
                counter TEXT NULL,
                staff_id TEXT NULL,
                level INTEGER NULL,
                state TEXT NOT NULL,
                overdue {d.Bool} NULL,
                opened_at {d.Time} NULL,
                callback_due {d.Time} NULL,
                rectify_due {d.Time} NULL,
                last_action TEXT NULL,
                updated_at {d.Time} NOT NULL,
                updated_hlc {d.Int64} NOT NULL,
                data TEXT NULL,
                PRIMARY KEY(box_id, case_id));
            CREATE TABLE absences(
                box_id TEXT NOT NULL,
                epoch TEXT NOT NULL,
                seq {d.Int64} NOT NULL,
                hall_day TEXT NOT NULL,
                counter TEXT NULL,
                staff_id TEXT NULL,
                staff_name TEXT NULL,
                start_at {d.Time} NULL,
                end_at {d.Time} NULL,
                seconds {d.Real} NULL,
                PRIMARY KEY(box_id, epoch, seq));
            CREATE TABLE alerts(
                box_id TEXT NOT NULL,
                epoch TEXT NOT NULL,
                seq {d.Int64} NOT NULL,
                hall_day TEXT NOT NULL,
                type TEXT NOT NULL,
                alert_key TEXT NOT NULL,
                active {d.Bool} NOT NULL,
                at {d.Time} NOT NULL,
                message TEXT NULL,
                details TEXT NOT NULL,
                PRIMARY KEY(box_id, epoch, seq));
            CREATE TABLE inspection_verdicts(
                box_id TEXT NOT NULL,
                inspection_id TEXT NOT NULL,
                application_id TEXT NULL,
                item_code TEXT NULL,
                verdict TEXT NOT NULL,
                reasons TEXT NULL,
                checked_at {d.Time} NULL,
                verified {d.Bool} NOT NULL,
                hall_day TEXT NOT NULL,
                updated_hlc {d.Int64} NOT NULL,
                PRIMARY KEY(box_id, inspection_id));
            CREATE TABLE evidence_packs(
                box_id TEXT NOT NULL,
                epoch TEXT NOT NULL,
                seq {d.Int64} NOT NULL,
                inspection_id TEXT NULL,
                application_id TEXT NULL,
                pack TEXT NOT NULL,
                signature TEXT NOT NULL,
                key_id TEXT NULL,
                public_key TEXT NULL,
                algorithm TEXT NULL,
                verified {d.Bool} NOT NULL,
                PRIMARY KEY(box_id, epoch, seq));
            """),
        new(3, "how far behind each box is", d => $"""
            -- backlog: events the box said it still held after its last batch; lag_ms: the hub's receive time minus the
            -- (skew-corrected) time of the newest event of that batch.
            ALTER TABLE boxes ADD COLUMN backlog {d.Int64} NULL;
            ALTER TABLE boxes ADD COLUMN lag_ms {d.Int64} NULL;
            """),
        new(4, "configuration versions, downlink messages, nonces per channel", d => $"""
            -- Every published county configuration, whole (JSON of CountyConfig): a new version is the previous with
            -- changes; a row is never edited. Per-hall setting overrides, revocations and village points are inside.
            CREATE TABLE config_versions(
                version {d.Int64} PRIMARY KEY,
                published_at {d.Time} NOT NULL,
                published_by TEXT NULL,
                note TEXT NULL,
                config TEXT NOT NULL);
            -- What each box runs, from its config.applied / config.refused outbox events (the newest by hybrid time wins).
            CREATE TABLE box_config(
                box_id TEXT PRIMARY KEY,
                running_version {d.Int64} NULL,
                applied_at {d.Time} NULL,
                applied_hlc {d.Int64} NOT NULL DEFAULT 0,
                refused_version {d.Int64} NULL,
                refused_code TEXT NULL,
                refused_message TEXT NULL,
                refused_at {d.Time} NULL,
                refused_hlc {d.Int64} NOT NULL DEFAULT 0);
            -- Messages queued for a box (督办, 调取视频); msg_seq (the box's cursor) numbers one box's queue, delivered_at is set once the box
            -- polls with a cursor at or past it (it has stored the message).
            CREATE TABLE downlink_messages(
                box_id TEXT NOT NULL,
                msg_seq {d.Int64} NOT NULL,
                message_id TEXT NOT NULL UNIQUE,
                type TEXT NOT NULL,
                queued_at {d.Time} NOT NULL,
                data TEXT NOT NULL,
                delivered_at {d.Time} NULL,
                PRIMARY KEY(box_id, msg_seq));
            -- The last accepted nonce per box and channel other than the uplink's events (kept in boxes.last_nonce):
            -- a poll and a batch of one box never refuse each other.
            CREATE TABLE box_channel_nonces(
                box_id TEXT NOT NULL,
                channel TEXT NOT NULL,
                last_nonce {d.Int64} NOT NULL,
                PRIMARY KEY(box_id, channel));
            """),
        new(5, "county staff: users, sessions, audit log", d => $"""
            -- role: county-admin, supervisor or township (box_id: the one hall a township user sees).
            CREATE TABLE hub_users(
                user_id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                box_id TEXT NULL,
                password_hash TEXT NOT NULL,
                active {d.Bool} NOT NULL,
                created_at {d.Time} NOT NULL,
                updated_at {d.Time} NOT NULL);
            -- session_hash: SHA-256 of the cookie's random token, so a copy of the database signs nobody in.
            CREATE TABLE hub_sessions(
                session_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL,
                created_at {d.Time} NOT NULL,
                last_seen_at {d.Time} NOT NULL,
                address TEXT NULL);
            CREATE INDEX hub_sessions_by_user ON hub_sessions(user_id);
            -- audit_id: UTC ticks, then a sequence: the log reads newest first by its key.
            CREATE TABLE hub_audit(
                audit_id TEXT PRIMARY KEY,
                at {d.Time} NOT NULL,
                user_id TEXT NOT NULL,
                user_name TEXT NOT NULL,
                role TEXT NOT NULL,
                action TEXT NOT NULL,
                box_id TEXT NULL,
                detail TEXT NOT NULL);
            CREATE INDEX hub_audit_by_box ON hub_audit(box_id, at);
            -- what the 全县总览 reads by hall and day (tickets have it in their key)
            CREATE INDEX ratings_by_day ON ratings(box_id, hall_day);
            CREATE INDEX absences_by_day ON absences(box_id, hall_day);
            CREATE INDEX verdicts_by_day ON inspection_verdicts(box_id, hall_day);
            CREATE INDEX alerts_by_key ON alerts(box_id, alert_key, at);
            CREATE INDEX cases_by_state ON bad_review_cases(box_id, state);
            """),
        new(6, "figures by hall day", _ => """
            -- The figure pages read a span of hall days for every hall (the county) or for one: the day leads, the hall
            -- follows. The tickets' own key starts with the hall, which serves a single hall's span as well.
            CREATE INDEX services_day_box ON services(hall_day, box_id);
            CREATE INDEX ratings_day_box ON ratings(hall_day, box_id);
            CREATE INDEX tickets_day_box ON tickets(hall_day, box_id);
            CREATE INDEX absences_day_box ON absences(hall_day, box_id);
            """),
        new(7, "督办 and videos the county asked for", d => $"""
            -- A video of an inspection the county asked a box for (调取视频), and its resumable upload. state: requested →
            -- delivered (the box stored the request) → uploading → received; gone when the box no longer keeps it.
            -- received is the durable offset: bytes up to it were fsynced before it was written. path is relative to the
            -- hub's data directory; the video is kept beside the inspection's verdict (box_id, inspection_id).
            CREATE TABLE video_requests(
                request_id TEXT PRIMARY KEY,
                box_id TEXT NOT NULL,
                inspection_id TEXT NOT NULL,
                requested_by TEXT NULL,
                requested_at {d.Time} NOT NULL,
                message_id TEXT NULL,
                state TEXT NOT NULL,
                delivered_at {d.Time} NULL,
                size {d.Int64} NULL,
                sha256 TEXT NULL,
                received {d.Int64} NOT NULL DEFAULT 0,
                path TEXT NULL,
                discarded {d.Int64} NOT NULL DEFAULT 0,
                completed_at {d.Time} NULL,
                updated_at {d.Time} NOT NULL);
            CREATE INDEX video_requests_by_inspection ON video_requests(box_id, inspection_id);
            -- A 督办 the county sent about a bad-review case, and the hall's answer. state: sent → delivered → answered.
            CREATE TABLE supervisions(
                supervision_id TEXT PRIMARY KEY,
                box_id TEXT NOT NULL,
                case_id TEXT NOT NULL,
                text TEXT NOT NULL,
                deadline {d.Time} NOT NULL,
                sent_by TEXT NULL,
                sent_at {d.Time} NOT NULL,
                message_id TEXT NULL,
                state TEXT NOT NULL,
                delivered_at {d.Time} NULL,
                answered_by TEXT NULL,
                answer_text TEXT NULL,
                answered_at {d.Time} NULL);
            CREATE INDEX supervisions_by_case ON supervisions(box_id, case_id);
            """),
        new(8, "village points", d => $"""
            -- A hall's village points (村级代办点), kept by the county admin and sent down in the hall's config bundle. A point
            -- is retired, never deleted (active false): its figures keep their name. items: JSON array of item codes.
            CREATE TABLE village_points(
                box_id TEXT NOT NULL,
                village_id TEXT NOT NULL,
                name TEXT NOT NULL,
                items TEXT NOT NULL,
                active {d.Bool} NOT NULL,
                updated_at {d.Time} NOT NULL,
                updated_by TEXT NULL,
                PRIMARY KEY(box_id, village_id));
            -- The village point a fact happened at, from the event (the box takes it from the device's enrollment); NULL for
            -- the township hall's own.
            ALTER TABLE tickets ADD COLUMN village_id TEXT NULL;
            ALTER TABLE calls ADD COLUMN village_id TEXT NULL;
            ALTER TABLE services ADD COLUMN village_id TEXT NULL;
            ALTER TABLE ratings ADD COLUMN village_id TEXT NULL;
            CREATE INDEX services_by_village ON services(box_id, village_id, hall_day);
            CREATE INDEX ratings_by_village ON ratings(box_id, village_id, hall_day);
            CREATE INDEX tickets_by_village ON tickets(box_id, village_id, hall_day);
            """),
    ];
}
