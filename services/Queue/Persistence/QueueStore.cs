using System.Globalization;
using Hall.Queue.Domain;
using Hall.Store;
using Microsoft.Data.Sqlite;

namespace Hall.Queue.Persistence;

/// <summary>Reads the engine's state from the queue_ tables and writes the rows a command changed.</summary>
internal static class QueueStore
{
    private const string DayFormat = "yyyy-MM-dd";

    public static string LoadSalt(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM queue_meta WHERE key = 'id_salt'";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>At first start only (no category and no counter yet): the configured catalogue, or the demo one.</summary>
    public static void SeedIfEmpty(SqliteConnection connection, QueueOptions options, DateTimeOffset now)
    {
        using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT (SELECT count(*) FROM queue_categories) + (SELECT count(*) FROM queue_counters)";
            if ((long)count.ExecuteScalar()! > 0)
            {
                return;
            }
        }

        IReadOnlyList<CategorySeed> categories = options.Categories.Count > 0 ? options.Categories : options.SeedDemoCatalogue ? QueueOptions.DemoCategories : [];
        IReadOnlyList<CounterSeed> counters = options.Counters.Count > 0 || options.Categories.Count > 0 ? options.Counters : options.SeedDemoCatalogue ? QueueOptions.DemoCounters : [];
        using var statements = new PreparedStatements(connection);
        using var tx = connection.BeginTransaction();
        var order = 0;
        foreach (var seed in categories)
        {
            SaveCategory(statements, tx, new Category { Prefix = seed.Prefix.Trim().ToUpperInvariant(), Name = seed.Name.Trim(), DailyLimit = seed.DailyLimit, Order = order++ });
        }

        order = 0;
        foreach (var seed in counters)
        {
            SaveCounter(statements, tx, new Counter
            {
                Id = seed.Id.Trim(),
                Name = string.IsNullOrWhiteSpace(seed.Name) ? $"{seed.Id.Trim()}号窗口" : seed.Name.Trim(),
                Categories = seed.Categories.Select(c => c.Trim().ToUpperInvariant()).ToList(),
                Interleave = InterleaveRule.TryParse(seed.Interleave, out var rule) ? rule : null,
                Status = seed.Open ? CounterStatus.Open : CounterStatus.Closed,
                Since = now,
                Village = string.IsNullOrWhiteSpace(seed.Village) ? null : seed.Village.Trim(),
                Order = order++,
            });
        }

        tx.Commit();
    }

    public static QueueEngine Load(SqliteConnection connection, QueueOptions options, HallClock clock, DateTimeOffset now)
    {
        var engine = new QueueEngine(options, clock, clock.Day(now));
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT prefix, name, active, daily_limit, sort FROM queue_categories";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                engine.Load(new Category
                {
                    Prefix = reader.GetString(0),
                    Name = reader.GetString(1),
                    Active = reader.GetInt64(2) != 0,
                    DailyLimit = reader.GetInt32(3),
                    Order = reader.GetInt32(4),
                });
            }
        }

        // Today's tickets (numbering continues from them) and any older ones still waiting or in service.
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT day, ticket_no, issue_prefix, number, category, kind, issued_at, status, for_counter, counter, staff_id,
                       called_at, ended_at, recalls, overtaken, reprints, id_hash, appointment_code, village
                FROM queue_tickets WHERE day = $day OR status IN ('waiting', 'called')
                """;
            command.Parameters.AddWithValue("$day", engine.Day.ToString(DayFormat, CultureInfo.InvariantCulture));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                engine.Load(new Ticket
                {
                    Day = DateOnly.ParseExact(reader.GetString(0), DayFormat, CultureInfo.InvariantCulture),
                    TicketNo = reader.GetString(1),
                    IssuePrefix = reader.GetString(2),
                    Number = reader.GetInt32(3),
                    Category = reader.GetString(4),
                    Kind = ParseKind(reader.GetString(5)),
                    IssuedAt = ParseTime(reader.GetString(6)),
                    Status = ParseStatus(reader.GetString(7)),
                    ForCounter = NullableString(reader, 8),
                    Counter = NullableString(reader, 9),
                    StaffId = NullableString(reader, 10),
                    CalledAt = NullableTime(reader, 11),
                    EndedAt = NullableTime(reader, 12),
                    Recalls = reader.GetInt32(13),
                    Overtaken = reader.GetInt32(14),
                    Reprints = reader.GetInt32(15),
                    IdCardHash = NullableString(reader, 16),
                    AppointmentCode = NullableString(reader, 17),
                    Village = NullableString(reader, 18),
                });
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT id, name, categories, interleave, status, since, pause_reason, staff_id, staff_name,
                       current_day, current_ticket, ordinary_streak, priority_streak, sort, village
                FROM queue_counters
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var currentDay = NullableString(reader, 9);
                var currentNo = NullableString(reader, 10);
                engine.Load(new Counter
                {
                    Id = reader.GetString(0),
                    Name = reader.GetString(1),
                    Categories = reader.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries),
                    Interleave = InterleaveRule.TryParse(NullableString(reader, 3), out var rule) ? rule : null,
                    Status = CounterStatuses.Parse(reader.GetString(4)),
                    Since = ParseTime(reader.GetString(5)),
                    PauseReason = NullableString(reader, 6),
                    StaffId = NullableString(reader, 7),
                    StaffName = NullableString(reader, 8),
                    Current = currentDay is null || currentNo is null
                        ? null
                        : engine.FindLoaded(DateOnly.ParseExact(currentDay, DayFormat, CultureInfo.InvariantCulture), currentNo),
                    OrdinaryStreak = reader.GetInt32(11),
                    PriorityStreak = reader.GetInt32(12),
                    Order = reader.GetInt32(13),
                    Village = NullableString(reader, 14),
                });
            }
        }

        // Rolling service times: the last N finished services of each category, oldest first.
        foreach (var category in engine.Categories)
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT called_at, ended_at FROM queue_tickets
                WHERE status = 'finished' AND category = $c AND called_at IS NOT NULL
                ORDER BY ended_at DESC LIMIT $n
                """;
            command.Parameters.AddWithValue("$c", category.Prefix);
            command.Parameters.AddWithValue("$n", Math.Max(1, options.ServiceTimeWindow));
            var samples = new List<TimeSpan>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                samples.Add(ParseTime(reader.GetString(1)) - ParseTime(reader.GetString(0)));
            }

            samples.Reverse();
            foreach (var sample in samples)
            {
                engine.ServiceTimes.Add(category.Prefix, sample);
            }
        }

        return engine;
    }

    /// <summary>Writes the rows the command changed, with the writer's prepared statements.</summary>
    public static void Save(PreparedStatements statements, SqliteTransaction tx, QueueOutcome outcome)
    {
        foreach (var category in outcome.ChangedCategories)
        {
            SaveCategory(statements, tx, category);
        }

        // Tickets before counters: a counter row points at its ticket.
        foreach (var ticket in outcome.ChangedTickets)
        {
            SaveTicket(statements, tx, ticket);
        }

        foreach (var counter in outcome.ChangedCounters)
        {
            SaveCounter(statements, tx, counter);
        }
    }

    private const string SaveCategorySql = """
        INSERT INTO queue_categories(prefix, name, active, daily_limit, sort) VALUES ($p, $n, $a, $l, $s)
        ON CONFLICT(prefix) DO UPDATE SET name = excluded.name, active = excluded.active, daily_limit = excluded.daily_limit, sort = excluded.sort
        """;

    private static void SaveCategory(PreparedStatements statements, SqliteTransaction tx, Category category)
    {
        var command = statements.For(tx, SaveCategorySql, "$p", "$n", "$a", "$l", "$s");
        var values = command.Parameters;
        values[0].Value = category.Prefix;
        values[1].Value = category.Name;
        values[2].Value = category.Active ? 1 : 0;
        values[3].Value = category.DailyLimit;
        values[4].Value = category.Order;
        command.ExecuteNonQuery();
    }

    private const string SaveCounterSql = """
        INSERT INTO queue_counters(id, name, categories, interleave, status, since, pause_reason, staff_id, staff_name,
                                   current_day, current_ticket, ordinary_streak, priority_streak, sort, village)
        VALUES ($id, $name, $cats, $rule, $status, $since, $pause, $staff, $staffName, $curDay, $cur, $os, $ps, $sort, $village)
        ON CONFLICT(id) DO UPDATE SET name = excluded.name, categories = excluded.categories, interleave = excluded.interleave,
            status = excluded.status, since = excluded.since, pause_reason = excluded.pause_reason, staff_id = excluded.staff_id,
            staff_name = excluded.staff_name, current_day = excluded.current_day, current_ticket = excluded.current_ticket,
            ordinary_streak = excluded.ordinary_streak, priority_streak = excluded.priority_streak, sort = excluded.sort,
            village = excluded.village
        """;

    private static void SaveCounter(PreparedStatements statements, SqliteTransaction tx, Counter counter)
    {
        var command = statements.For(tx, SaveCounterSql, "$id", "$name", "$cats", "$rule", "$status", "$since", "$pause", "$staff", "$staffName", "$curDay", "$cur", "$os", "$ps", "$sort", "$village");
        var values = command.Parameters;
        values[0].Value = counter.Id;
        values[1].Value = counter.Name;
        values[2].Value = string.Join(',', counter.Categories);
        values[3].Value = (object?)counter.Interleave?.ToString() ?? DBNull.Value;
        values[4].Value = CounterStatuses.ToContract(counter.Status);
        values[5].Value = FormatTime(counter.Since);
        values[6].Value = (object?)counter.PauseReason ?? DBNull.Value;
        values[7].Value = (object?)counter.StaffId ?? DBNull.Value;
        values[8].Value = (object?)counter.StaffName ?? DBNull.Value;
        values[9].Value = (object?)counter.Current?.Day.ToString(DayFormat, CultureInfo.InvariantCulture) ?? DBNull.Value;
        values[10].Value = (object?)counter.Current?.TicketNo ?? DBNull.Value;
        values[11].Value = counter.OrdinaryStreak;
        values[12].Value = counter.PriorityStreak;
        values[13].Value = counter.Order;
        values[14].Value = (object?)counter.Village ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    private const string SaveTicketSql = """
        INSERT INTO queue_tickets(day, ticket_no, issue_prefix, number, category, kind, issued_at, status, for_counter, counter,
                                  staff_id, called_at, ended_at, recalls, overtaken, reprints, id_hash, appointment_code, village)
        VALUES ($day, $no, $prefix, $number, $cat, $kind, $issued, $status, $for, $counter, $staff, $called, $ended,
                $recalls, $overtaken, $reprints, $hash, $appt, $village)
        ON CONFLICT(day, ticket_no) DO UPDATE SET category = excluded.category, status = excluded.status,
            for_counter = excluded.for_counter, counter = excluded.counter, staff_id = excluded.staff_id,
            called_at = excluded.called_at, ended_at = excluded.ended_at, recalls = excluded.recalls,
            overtaken = excluded.overtaken, reprints = excluded.reprints
        """;

    private static void SaveTicket(PreparedStatements statements, SqliteTransaction tx, Ticket ticket)
    {
        var command = statements.For(tx, SaveTicketSql, "$day", "$no", "$prefix", "$number", "$cat", "$kind", "$issued", "$status", "$for", "$counter", "$staff", "$called", "$ended", "$recalls", "$overtaken", "$reprints", "$hash", "$appt", "$village");
        var values = command.Parameters;
        values[0].Value = ticket.Day.ToString(DayFormat, CultureInfo.InvariantCulture);
        values[1].Value = ticket.TicketNo;
        values[2].Value = ticket.IssuePrefix;
        values[3].Value = ticket.Number;
        values[4].Value = ticket.Category;
        values[5].Value = FormatKind(ticket.Kind);
        values[6].Value = FormatTime(ticket.IssuedAt);
        values[7].Value = FormatStatus(ticket.Status);
        values[8].Value = (object?)ticket.ForCounter ?? DBNull.Value;
        values[9].Value = (object?)ticket.Counter ?? DBNull.Value;
        values[10].Value = (object?)ticket.StaffId ?? DBNull.Value;
        values[11].Value = ticket.CalledAt is { } called ? FormatTime(called) : DBNull.Value;
        values[12].Value = ticket.EndedAt is { } ended ? FormatTime(ended) : DBNull.Value;
        values[13].Value = ticket.Recalls;
        values[14].Value = ticket.Overtaken;
        values[15].Value = ticket.Reprints;
        values[16].Value = (object?)ticket.IdCardHash ?? DBNull.Value;
        values[17].Value = (object?)ticket.AppointmentCode ?? DBNull.Value;
        values[18].Value = (object?)ticket.Village ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    internal static string FormatStatus(TicketStatus status) => status switch
    {
        TicketStatus.Waiting => "waiting",
        TicketStatus.Called => "called",
        TicketStatus.Finished => "finished",
        TicketStatus.NoShow => "no-show",
        TicketStatus.WalkOut => "walk-out",
        _ => "cancelled",
    };

    private static TicketStatus ParseStatus(string text) => text switch
    {
        "waiting" => TicketStatus.Waiting,
        "called" => TicketStatus.Called,
        "finished" => TicketStatus.Finished,
        "no-show" => TicketStatus.NoShow,
        "walk-out" => TicketStatus.WalkOut,
        _ => TicketStatus.Cancelled,
    };

    private static string FormatKind(TicketKind kind) => TicketKinds.ToContract(kind) ?? "ordinary";

    private static TicketKind ParseKind(string text) => TicketKinds.TryParse(text, null, out var kind) ? kind : TicketKind.Ordinary;

    private static string FormatTime(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ParseTime(reader.GetString(ordinal));
}
