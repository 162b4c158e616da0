using Hall.Store;

namespace Hall.Assessment;

/// <summary>The assessment's own tables (prefix assessment_). Append-only: a shipped migration is never edited.</summary>
public sealed class AssessmentMigrations : IMigrationSource
{
    public const string Owner = "assessment";

    public IEnumerable<Migration> Migrations =>
    [
        new(Owner, 1, """
            -- One row per service leg: a ticket at one counter (a transfer starts a new leg). Built from the queue's and
            -- the evaluation's events only. Times as ISO text in the hall's offset; day is the ticket's hall-local day.
            CREATE TABLE assessment_services(
                id INTEGER PRIMARY KEY,
                day TEXT NOT NULL,
                ticket_no TEXT NOT NULL,
                category TEXT NOT NULL,
                issued_at TEXT,
                wait_from TEXT,
                counter TEXT,
                counter_name TEXT,
                staff_id TEXT,
                staff_name TEXT,
                called_at TEXT,
                ended_at TEXT,
                outcome TEXT NOT NULL CHECK(outcome IN ('waiting', 'called', 'served', 'no-show', 'transferred')),
                rating_state TEXT CHECK(rating_state IN ('pending', 'rated', 'not-rated')),
                rating_level INTEGER CHECK(rating_level BETWEEN 1 AND 5),
                rating_id TEXT,
                case_id TEXT,
                case_state TEXT,
                case_overdue INTEGER NOT NULL DEFAULT 0,
                rerating_level INTEGER);
            CREATE INDEX assessment_services_day ON assessment_services(day);
            CREATE INDEX assessment_services_ticket ON assessment_services(ticket_no, id);
            CREATE INDEX assessment_services_case ON assessment_services(case_id) WHERE case_id IS NOT NULL;
            -- Days whose summary went to the outbox; dirty when a fact of the day changed since (a late rating, a case step).
            CREATE TABLE assessment_days(
                day TEXT PRIMARY KEY,
                revision INTEGER NOT NULL,
                sent_at TEXT NOT NULL,
                dirty INTEGER NOT NULL DEFAULT 0);
            """),
        new(Owner, 2, """
            -- Absences from an open counter past the staff-absent threshold (离岗), from the counter monitor's
            -- AbsenceRecorded events. Keyed on (counter, started_at) so an event delivered twice is kept once. Times as
            -- ISO text in the hall's offset; day is the hall-local day the absence started.
            CREATE TABLE assessment_absences(
                counter TEXT NOT NULL,
                started_at TEXT NOT NULL,
                ended_at TEXT NOT NULL,
                day TEXT NOT NULL,
                staff_id TEXT,
                staff_name TEXT,
                PRIMARY KEY(counter, started_at));
            CREATE INDEX assessment_absences_day ON assessment_absences(day);
            """),
    ];
}
