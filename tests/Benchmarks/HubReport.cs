using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Hall.Benchmarks;

/// <summary>The county's year in the hub (issue 11): load, then each question's time beside hand-written SQL for the same figures.</summary>
internal sealed class HubReport
{
    public const double RatioTarget = 1.5;

    public const double OverviewTargetMs = 1000;

    public required BenchArgs Args { get; init; }

    public required MachineInfo Machine { get; init; }

    public int Halls { get; init; }

    public int Days { get; init; }

    public int TicketsPerDay { get; init; }

    public DateOnly FirstDay { get; init; }

    public DateOnly LastDay { get; init; }

    public long Events { get; set; }

    public long Rows { get; set; }

    public TimeSpan SqliteLoad { get; set; }

    public long SqliteBytes { get; set; }

    public TimeSpan PostgresLoad { get; set; }

    public List<QueryFigures> Queries { get; } = [];

    public bool Failed { get; private set; }

    private List<string> Notes { get; } = [];

    public void Fail(string note)
    {
        Failed = true;
        Notes.Add("**failed**: " + note);
    }

    /// <summary>
    /// Both sides once (warming caches and the JIT) and their answers compared; then <paramref name="rounds"/> rounds, the
    /// two taking turns, and the median of each.
    /// </summary>
    public async Task Add<T>(string engine, string question, int rounds, Func<Task<T>> hub, Func<Task<T>> raw, Func<T, T, string?> differ, bool overview = false)
    {
        var mine = await hub();
        var theirs = await raw();
        var difference = differ(mine, theirs);
        var hubTimes = new List<double>();
        var rawTimes = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            await hub();
            hubTimes.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await raw();
            rawTimes.Add(clock.Elapsed.TotalMilliseconds);
        }

        Queries.Add(new QueryFigures(engine, question, Median(hubTimes), Median(rawTimes), difference, overview));
        if (difference is not null)
        {
            Fail($"{engine}, {question}: the hub's answer and the raw SQL's differ: {difference}");
        }
    }

    public Task Add(string engine, string question, int rounds, Func<Task<Dictionary<string, FigureCheck>>> hub, Func<Task<Dictionary<string, FigureCheck>>> raw) =>
        Add(engine, question, rounds, hub, raw, FigureCheck.Differ);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("## A county's year in the hub (issue 11)");
        md.AppendLine();
        md.AppendLine(Inv($"Machine: {Machine.Processors} logical CPUs, {Machine.Cpu}; {Machine.Os}; {Machine.Runtime}. Hub code in process; PostgreSQL 15 (fsync on) on this machine."));
        if (Args.Quick)
        {
            md.AppendLine("**--quick**: a few halls and days, a smoke test, not the measurement.");
        }

        md.AppendLine();
        md.AppendLine(Inv($"Data: {Halls} halls × {Days} working days ({FirstDay:yyyy-MM-dd} to {LastDay:yyyy-MM-dd}) × {TicketsPerDay} tickets a day = **{Events:N0} events** ({Rows:N0} rows in all tables)."));
        md.AppendLine(Inv($"- SQLite: every event through the hub's FactWriter and the ingest's events insert, in one transaction per day of every hall ({Events / Math.Max(1, Days):N0} events): {SqliteLoad.TotalSeconds:F0} s ({Events / Math.Max(1, SqliteLoad.TotalSeconds):N0} events/s), {SqliteBytes / 1048576.0:N0} MiB."));
        md.AppendLine(Inv($"- PostgreSQL: the same rows, every table, copied with binary COPY, then VACUUM ANALYZE: {PostgresLoad.TotalSeconds:F0} s."));
        md.AppendLine();
        md.AppendLine("| engine | question | hub | raw SQL | hub ÷ raw | same figures |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var q in Queries)
        {
            var ratio = q.HubMs / q.RawMs;
            var verdict = Inv($"**{ratio:F2}×** (target ≤ {RatioTarget:F1}×: {(ratio <= RatioTarget ? "met" : "NOT met")})");
            var time = q.Overview ? Inv($"**{q.HubMs:F0} ms** (target < {OverviewTargetMs:F0} ms: {(q.HubMs < OverviewTargetMs ? "met" : "NOT met")})") : Inv($"{q.HubMs:F0} ms");
            md.AppendLine(Inv($"| {q.Engine} | {q.Question} | {time} | {q.RawMs:F0} ms | {verdict} | {(q.Difference is null ? "yes" : "NO: " + q.Difference)} |"));
        }

        md.AppendLine();
        foreach (var note in Notes)
        {
            md.AppendLine("- " + note);
        }

        return md.ToString();
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

internal sealed record QueryFigures(string Engine, string Question, double HubMs, double RawMs, string? Difference, bool Overview);
