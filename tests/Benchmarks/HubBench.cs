using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Hall.Contract.Identity;
using Hall.Contract.Uplink;
using Hall.CountyHub;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Figures;
using Hall.CountyHub.Ingest;
using Hall.CountyHub.Storage;
using Hall.Tests.Shared;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using NpgsqlTypes;

namespace Hall.Benchmarks;

/// <summary>
/// A county's year in the hub (issue 11): halls × working days of a busy hall's simulated events, written through the
/// hub's own <see cref="FactWriter"/> into SQLite in big transactions, then the very same rows copied into PostgreSQL
/// with COPY. On both: the figure pages' questions (a hall's month, the county monthly report), each timed beside
/// hand-written SQL that computes the same figures, whose answers are checked to agree.
/// </summary>
internal static class HubBench
{
    private const string Epoch = "0123456789abcdef";
    private const int Rounds = 5;

    // The overview answers in tens of milliseconds, where one scheduler hiccup on a busy machine moves a median of five.
    private const int OverviewRounds = 21;
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly string[] Towns =
    [
        "城关镇", "东岭镇", "西河乡", "南湖镇", "北山乡", "临河镇", "青石镇", "白马乡", "长岗镇", "桃源乡",
        "新集镇", "双桥镇", "石门乡", "柳林镇", "高庄乡", "龙泉镇", "红旗乡", "沙河镇", "黄土岭乡", "三河镇",
    ];

    /// <summary>Every table the ingest writes, copied into PostgreSQL in this order.</summary>
    private static readonly string[] Tables =
        ["boxes", "box_epochs", "events", "tickets", "calls", "services", "ratings", "bad_review_cases", "absences", "alerts", "inspection_verdicts", "evidence_packs"];

    public static async Task<HubReport> RunAsync(BenchArgs options, MachineInfo machine, CancellationToken ct)
    {
        var halls = options.Quick ? 3 : options.Halls;
        var days = WorkingDays(options.Quick ? 30 : options.Days);
        var report = new HubReport { Args = options, Machine = machine, Halls = halls, Days = days.Count, TicketsPerDay = options.TicketsPerDay, FirstDay = days[0], LastDay = days[^1] };
        var directory = Path.Combine(Path.GetTempPath(), "hall-bench-hub-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        try
        {
            using var sqlite = HubDatabase.Sqlite(Path.Combine(directory, "hub.db"));
            await HubMigrator.ApplyAsync(sqlite, DateTimeOffset.UtcNow, ct);
            var boxes = await EnrollAsync(sqlite, halls, directory, ct);

            Console.Error.WriteLine($"[bench] hub: loading {halls} halls × {days.Count} working days into SQLite through the FactWriter…");
            var clock = Stopwatch.StartNew();
            report.Events = await LoadAsync(sqlite, boxes, days, options.TicketsPerDay, ct);
            report.SqliteLoad = clock.Elapsed;
            report.SqliteBytes = new FileInfo(Path.Combine(directory, "hub.db")).Length;
            Console.Error.WriteLine($"[bench] hub: {report.Events:N0} events in {report.SqliteLoad.TotalSeconds:F0} s");

            // Each engine is measured while the other is idle: a PostgreSQL busy after its load would slow SQLite's rounds.
            Console.Error.WriteLine("[bench] hub: queries on SQLite…");
            await MeasureAsync(report, "SQLite", sqlite, boxes[0], days[^1], ct);

            await using var postgres = new PostgresServer { Durable = true };
            await postgres.InitializeAsync();
            using var pg = HubDatabase.Postgres(await postgres.CreateDatabaseAsync());
            await HubMigrator.ApplyAsync(pg, DateTimeOffset.UtcNow, ct);
            Console.Error.WriteLine("[bench] hub: copying the same rows into PostgreSQL (COPY)…");
            clock.Restart();
            report.Rows = await CopyAsync(sqlite, pg, ct);
            report.PostgresLoad = clock.Elapsed;

            Console.Error.WriteLine("[bench] hub: queries on PostgreSQL…");
            await MeasureAsync(report, "PostgreSQL", pg, boxes[0], days[^1], ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            report.Fail($"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return report;
    }

    /// <summary>The last <paramref name="count"/> working days (Monday to Friday) up to 2026-12-15: the report month, November, is whole.</summary>
    private static List<DateOnly> WorkingDays(int count)
    {
        var days = new List<DateOnly>();
        for (var day = new DateOnly(2026, 12, 15); days.Count < count; day = day.AddDays(-1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days.Add(day);
            }
        }

        days.Reverse();
        return days;
    }

    private static async Task<List<string>> EnrollAsync(HubDatabase database, int halls, string directory, CancellationToken ct)
    {
        var boxes = new List<string>();
        var enrolment = new BoxDirectory(database, TimeProvider.System);
        await using var connection = await database.OpenAsync(ct);
        for (var i = 0; i < halls; i++)
        {
            var box = string.Create(CultureInfo.InvariantCulture, $"town-{i:00}");
            using var key = BoxKey.LoadOrCreate(Path.Combine(directory, box + ".pem"));
            await enrolment.EnrollAsync(box, key.PublicKey, replace: false, ct);
            await using var name = connection.CreateCommand();
            name.CommandText = "UPDATE boxes SET hall_name = @name, time_zone = 'Asia/Shanghai' WHERE box_id = @box";
            Add(name, "@name", Towns[i % Towns.Length] + (i >= Towns.Length ? (i / Towns.Length + 1).ToString(CultureInfo.InvariantCulture) : "") + "便民服务中心");
            Add(name, "@box", box);
            await name.ExecuteNonQueryAsync(ct);
            boxes.Add(box);
        }

        return boxes;
    }

    /// <summary>
    /// Each hall's outbox of simulated days (tests/Shared/HallDay: the box's own event shapes), stored as the ingest stores
    /// a batch: the events row and the FactWriter's facts, in one transaction per day of every hall. Generating
    /// runs on one core, writing on the other.
    /// </summary>
    private static async Task<long> LoadAsync(HubDatabase database, List<string> boxes, List<DateOnly> days, int tickets, CancellationToken ct)
    {
        // Day by day, every hall's day in one transaction, as a county's boxes send them: the indexes that lead with the
        // day grow at their end, as they do in a real hub.
        var chunks = Channel.CreateBounded<List<StoredEvent>>(3);
        var making = new Stopwatch();
        var writing = new Stopwatch();
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    var seqs = new long[boxes.Count];
                    var hlcs = new long[boxes.Count];
                    foreach (var day in days)
                    {
                        making.Start();
                        var chunk = new List<StoredEvent>(boxes.Count * tickets * 7);
                        var hallDay = FigurePeriod.Day(day);
                        for (var b = 0; b < boxes.Count; b++)
                        {
                            foreach (var e in HallDay.Generate(day, Shanghai, new Random((b * 100_000) + day.DayNumber), tickets))
                            {
                                var seq = ++seqs[b];
                                hlcs[b] = HybridTime.Next(hlcs[b], e.At);
                                var at = e.At.ToUniversalTime();
                                var data = JsonSerializer.Deserialize<JsonElement>(e.Json);
                                chunk.Add(new StoredEvent(boxes[b], Epoch, new UplinkEvent(seq, e.Type, at, hlcs[b], data), at, hallDay, string.Empty));
                            }
                        }

                        making.Stop();
                        await chunks.Writer.WriteAsync(chunk, ct);
                    }
                }
                finally
                {
                    chunks.Writer.Complete();
                }
            },
            ct);

        var facts = new FactWriter();
        var d = database.Dialect;
        long count = 0;
        var now = d.TimeValue(DateTimeOffset.UtcNow);
        await using var connection = await database.OpenAsync(ct);
        await foreach (var events in chunks.Reader.ReadAllAsync(ct))
        {
            writing.Start();
            await using var tx = await HubDatabase.BeginWriteAsync(connection, ct);
            await using (var s = new Statements(connection, tx, d))
            {
                foreach (var e in events)
                {
                    // The same statement as BatchIngest's.
                    await s.AddAsync("""
                        INSERT INTO events(box_id, epoch, seq, type, at, hall_time, hall_day, hlc, received_at, data)
                        VALUES (@box, @epoch, @seq, @type, @at, @hall, @day, @hlc, @now, @data) ON CONFLICT(box_id, epoch, seq) DO NOTHING
                        """, true, ct, ("@box", e.BoxId), ("@epoch", Epoch), ("@seq", e.Event.Seq), ("@type", e.Event.Type), ("@at", d.TimeValue(e.Event.At)),
                        ("@hall", d.TimeValue(e.HallTime)), ("@day", e.HallDay), ("@hlc", e.Event.Hlc), ("@now", now), ("@data", e.Event.Data.GetRawText()));
                    await facts.WriteAsync(s, e, ct);
                }

                await s.FlushAsync(ct);
                foreach (var last in events.GroupBy(e => e.BoxId, StringComparer.Ordinal).Select(g => g.Last()))
                {
                    await s.ExecuteAsync("""
                        INSERT INTO box_epochs(box_id, epoch, epoch_start, mark, first_seen_at, last_batch_at, lost) VALUES (@box, @epoch, 1, @mark, @now, @now, 0)
                        ON CONFLICT(box_id, epoch) DO UPDATE SET mark = excluded.mark, last_batch_at = excluded.last_batch_at
                        """, ct, ("@box", last.BoxId), ("@epoch", Epoch), ("@mark", last.Event.Seq), ("@now", now));
                    await s.ExecuteAsync(
                        "UPDATE boxes SET current_epoch = @epoch, last_contact_at = @now, last_batch_at = @now, backlog = 0, lag_ms = 0 WHERE box_id = @box",
                        ct,
                        ("@epoch", Epoch),
                        ("@now", now),
                        ("@box", last.BoxId));
                }
            }

            await tx.CommitAsync(ct);
            writing.Stop();
            count += events.Count;
        }

        await producer;
        Console.Error.WriteLine($"[bench] hub: making the events {making.Elapsed.TotalSeconds:F1} s, writing them {writing.Elapsed.TotalSeconds:F1} s");
        return count;
    }

    /// <summary>Every row of every table, read from SQLite and written into PostgreSQL with binary COPY, typed as its column.</summary>
    private static async Task<long> CopyAsync(HubDatabase from, HubDatabase to, CancellationToken ct)
    {
        long rows = 0;
        await using var source = await from.OpenAsync(ct);
        await using var target = (NpgsqlConnection)await to.OpenAsync(ct);
        foreach (var table in Tables)
        {
            var columns = new List<(string Name, NpgsqlDbType Type)>();
            await using (var schema = target.CreateCommand())
            {
                schema.CommandText = "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = @t ORDER BY ordinal_position";
                schema.Parameters.AddWithValue("t", table);
                await using var reader = await schema.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    columns.Add((reader.GetString(0), reader.GetString(1) switch
                    {
                        "text" => NpgsqlDbType.Text,
                        "bigint" => NpgsqlDbType.Bigint,
                        "integer" => NpgsqlDbType.Integer,
                        "double precision" => NpgsqlDbType.Double,
                        "boolean" => NpgsqlDbType.Boolean,
                        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
                        var other => throw new InvalidOperationException($"{table}: column type {other} not handled"),
                    }));
                }
            }

            var names = string.Join(", ", columns.Select(c => c.Name));
            await using var read = source.CreateCommand();
            read.CommandText = $"SELECT {names} FROM {table}";
            await using var rowsOf = await read.ExecuteReaderAsync(ct);
            await using var copy = await target.BeginBinaryImportAsync($"COPY {table}({names}) FROM STDIN (FORMAT BINARY)", ct);
            while (await rowsOf.ReadAsync(ct))
            {
                await copy.StartRowAsync(ct);
                for (var i = 0; i < columns.Count; i++)
                {
                    if (rowsOf.IsDBNull(i))
                    {
                        await copy.WriteNullAsync(ct);
                        continue;
                    }

                    switch (columns[i].Type)
                    {
                        case NpgsqlDbType.Text:
                            await copy.WriteAsync(rowsOf.GetString(i), NpgsqlDbType.Text, ct);
                            break;
                        case NpgsqlDbType.Bigint:
                            await copy.WriteAsync(rowsOf.GetInt64(i), NpgsqlDbType.Bigint, ct);
                            break;
                        case NpgsqlDbType.Integer:
                            await copy.WriteAsync(rowsOf.GetInt32(i), NpgsqlDbType.Integer, ct);
                            break;
                        case NpgsqlDbType.Double:
                            await copy.WriteAsync(rowsOf.GetDouble(i), NpgsqlDbType.Double, ct);
                            break;
                        case NpgsqlDbType.Boolean:
                            await copy.WriteAsync(rowsOf.GetInt64(i) != 0, NpgsqlDbType.Boolean, ct);
                            break;
                        default:
                            await copy.WriteAsync(DateTime.Parse(rowsOf.GetString(i), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), NpgsqlDbType.TimestampTz, ct);
                            break;
                    }
                }

                rows++;
            }

            await copy.CompleteAsync(ct);
        }

        // What autovacuum does on its own after a load, done here so the planner sees the tables as they are and no
        // autovacuum worker is still busy with the fresh rows while the questions are timed.
        await using var analyze = target.CreateCommand();
        analyze.CommandText = "VACUUM ANALYZE";
        analyze.CommandTimeout = 600;
        await analyze.ExecuteNonQueryAsync(ct);
        return rows;
    }

    private static async Task MeasureAsync(HubReport report, string engine, HubDatabase database, string box, DateOnly lastDay, CancellationToken ct)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(lastDay.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        var figures = new CountyFigures(new FigureQueries(database), time, Options.Create(new HubOptions()));
        var month = FigurePeriod.Month(2026, 11);
        var raw = new RawFigures(database);

        // 全县总览 at 17:00 of the last working day (hall time), as a county admin sees it.
        var overview = new Overview(database, Options.Create(new HubOptions()), time);
        var admin = new HubUser("bench", "县级管理员", HubRole.CountyAdmin, null);
        var today = FigurePeriod.Day(lastDay);
        var monday = FigurePeriod.Day(HallDays.WeekStart(lastDay));
        await report.Add(engine, "全县总览 (every hall's today)", OverviewRounds,
            async () => RawOverview.Of(await overview.ReadAsync(admin, ct)),
            () => RawOverview.ReadAsync(database, time.GetUtcNow(), today, monday, ct),
            RawOverview.Differ,
            overview: true);

        await report.Add(engine, "a hall's month (days of November, the month, October)", Rounds,
            async () => HallMonthChecks((await figures.SeriesAsync(box, month, FigureGrain.Day, ct))!),
            () => raw.HallMonthAsync(box, month, ct));
        await report.Add(engine, "the county monthly report (every hall, the county's days, October)", Rounds,
            async () => ReportChecks(await figures.ReportAsync("示范县", month, null, ct)),
            () => raw.CountyMonthAsync(month, ct));
    }

    private static Dictionary<string, FigureCheck> HallMonthChecks(HallPeriodFigures figures)
    {
        var checks = figures.Series.Where(r => r.Served + r.Issued > 0).ToDictionary(r => "day " + r.Period, FigureCheck.Of);
        checks["month"] = FigureCheck.Of(figures.Total);
        checks["previous"] = FigureCheck.Of(figures.PreviousTotal);
        return checks;
    }

    private static Dictionary<string, FigureCheck> ReportChecks(CountyReport report)
    {
        var checks = report.Days.Where(r => r.Served + r.Issued > 0).ToDictionary(r => "day " + r.Period, FigureCheck.Of);
        foreach (var hall in report.Halls)
        {
            checks["hall " + hall.BoxId] = FigureCheck.Of(hall);
        }

        foreach (var hall in report.PreviousHalls)
        {
            checks["previous " + hall.BoxId] = FigureCheck.Of(hall);
        }

        checks["county"] = FigureCheck.Of(report.County);
        return checks;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
