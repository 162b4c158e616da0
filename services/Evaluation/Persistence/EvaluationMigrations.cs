using Hall.Store;

namespace Hall.Evaluation.Persistence;

/// <summary>The evaluation's own tables (prefix evaluation_). Append-only: a shipped migration is never edited.</summary>
public sealed class EvaluationMigrations : IMigrationSource
{
    public const string Owner = "evaluation";

    public IEnumerable<Migration> Migrations =>
    [
        new(Owner, 1, """
            -- One row per finished service: its rating window. Times as ISO text in the hall's offset, plus unix ms to compare.
            CREATE TABLE evaluation_windows(
                service_id TEXT PRIMARY KEY,
                ticket_no TEXT NOT NULL,
                counter TEXT NOT NULL,
                staff_id TEXT,
                staff_name TEXT,
                service_item TEXT,
                case_number TEXT,
                finished_at TEXT NOT NULL,
                finished_ms INTEGER NOT NULL,
                until TEXT NOT NULL,
                until_ms INTEGER NOT NULL,
                state TEXT NOT NULL CHECK(state IN ('open', 'rated', 'timed-out')),
                rating_id TEXT,
                closed_at TEXT);
            CREATE INDEX evaluation_windows_open ON evaluation_windows(counter, until_ms) WHERE state = 'open';
            CREATE INDEX evaluation_windows_ticket ON evaluation_windows(ticket_no, finished_ms);
            -- Accepted ratings. person_name and person_phone only with real-name rating; never leave the box in clear.
            CREATE TABLE evaluation_ratings(
                rating_id TEXT PRIMARY KEY,
                service_id TEXT NOT NULL,
                ticket_no TEXT NOT NULL,
                counter TEXT NOT NULL,
                staff_id TEXT,
                staff_name TEXT,
                service_item TEXT,
                level INTEGER NOT NULL CHECK(level BETWEEN 1 AND 5),
                reasons TEXT NOT NULL,
                comment TEXT,
                channel TEXT NOT NULL,
                on_behalf_by TEXT,
                person_name TEXT,
                person_phone TEXT,
                rated_at TEXT NOT NULL,
                case_id TEXT,
                rerating_of TEXT);
            CREATE INDEX evaluation_ratings_service ON evaluation_ratings(service_id);
            -- Bad-review cases: the whole case (steps included, personal data masked) as JSON, with columns to select by.
            CREATE TABLE evaluation_cases(
                case_id TEXT PRIMARY KEY,
                state TEXT NOT NULL,
                counter TEXT NOT NULL,
                opened_ms INTEGER NOT NULL,
                data TEXT NOT NULL);
            CREATE INDEX evaluation_cases_state ON evaluation_cases(state);
            -- The holiday calendar for working-day deadlines; the county hub will push updates.
            CREATE TABLE evaluation_calendar(
                day TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK(kind IN ('holiday', 'workday')),
                name TEXT,
                source TEXT NOT NULL);
            -- 2026, per 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04): holidays, and weekend days worked instead (调休).
            INSERT INTO evaluation_calendar(day, kind, name, source) SELECT column1, column2, column3, 'seed-2026' FROM (VALUES
                ('2026-01-01', 'holiday', '元旦'),
                ('2026-01-02', 'holiday', '元旦'),
                ('2026-01-03', 'holiday', '元旦'),
                ('2026-02-15', 'holiday', '春节'),
                ('2026-02-16', 'holiday', '春节'),
                ('2026-02-17', 'holiday', '春节'),
                ('2026-02-18', 'holiday', '春节'),
                ('2026-02-19', 'holiday', '春节'),
                ('2026-02-20', 'holiday', '春节'),
                ('2026-02-21', 'holiday', '春节'),
                ('2026-02-22', 'holiday', '春节'),
                ('2026-02-23', 'holiday', '春节'),
                ('2026-04-04', 'holiday', '清明节'),
                ('2026-04-05', 'holiday', '清明节'),
                ('2026-04-06', 'holiday', '清明节'),
                ('2026-05-01', 'holiday', '劳动节'),
                ('2026-05-02', 'holiday', '劳动节'),
                ('2026-05-03', 'holiday', '劳动节'),
                ('2026-05-04', 'holiday', '劳动节'),
                ('2026-05-05', 'holiday', '劳动节'),
                ('2026-06-19', 'holiday', '端午节'),
                ('2026-06-20', 'holiday', '端午节'),
                ('2026-06-21', 'holiday', '端午节'),
                ('2026-09-25', 'holiday', '中秋节'),
                ('2026-09-26', 'holiday', '中秋节'),
                ('2026-09-27', 'holiday', '中秋节'),
                ('2026-10-01', 'holiday', '国庆节'),
                ('2026-10-02', 'holiday', '国庆节'),
                ('2026-10-03', 'holiday', '国庆节'),
                ('2026-10-04', 'holiday', '国庆节'),
                ('2026-10-05', 'holiday', '国庆节'),
                ('2026-10-06', 'holiday', '国庆节'),
                ('2026-10-07', 'holiday', '国庆节'),
                ('2026-01-04', 'workday', '元旦调休'),
                ('2026-02-14', 'workday', '春节调休'),
                ('2026-02-28', 'workday', '春节调休'),
                ('2026-05-09', 'workday', '劳动节调休'),
                ('2026-09-20', 'workday', '国庆节调休'),
                ('2026-10-10', 'workday', '国庆节调休'));
            -- The catalogue items (事项) ratings report upward; a minimal seed until the county hub pushes the catalogue.
            CREATE TABLE evaluation_service_items(
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                department TEXT NOT NULL,
                category TEXT NOT NULL);
            INSERT INTO evaluation_service_items(code, name, department, category) VALUES
                ('A-HJ-001', '户口迁移登记', '公安派出所', 'A'),
                ('A-SB-001', '城乡居民基本养老保险参保登记', '人力资源和社会保障所', 'A'),
                ('A-YB-001', '城乡居民基本医疗保险参保登记', '医疗保障服务站', 'A'),
                ('B-SC-001', '个体工商户设立登记', '市场监督管理所', 'B');
            """),
        new(Owner + "-supervision", 1, """
            -- A 督办 the county hub sent about a bad-review case (a supervision message), and the hall's one answer.
            -- Times are UTC ISO-8601 text.
            CREATE TABLE evaluation_supervisions(
                supervision_id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL,
                message_id TEXT NOT NULL,
                text TEXT NOT NULL,
                deadline TEXT NOT NULL,
                sent_by TEXT,
                sent_at TEXT,
                received_at TEXT NOT NULL,
                answered_by TEXT,
                answered_by_name TEXT,
                answer_text TEXT,
                answered_at TEXT);
            CREATE INDEX evaluation_supervisions_case ON evaluation_supervisions(case_id, received_at);
            """),
        // Its own owner, so that the village column never races another change's next evaluation number.
        new(Owner + "-village", 1, """
            -- The village point (村级代办点) of the rated service, from the queue's TicketFinished; null at the township hall.
            ALTER TABLE evaluation_windows ADD COLUMN village TEXT;
            """),
    ];
}
