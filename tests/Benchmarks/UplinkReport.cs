using System.Globalization;
using System.Text;

namespace Hall.Benchmarks;

/// <summary>The uplink's figures (docs/benchmarks.md, issue 10), each beside its floor from the same run.</summary>
internal sealed class UplinkReport
{
    /// <summary>1 Mbit/s: a township's share of a weak 4G or ADSL link.</summary>
    public const long LinkBytesPerSecond = 125_000;

    public const double CatchUpTarget = 1.5;

    public const double IngestTarget = 2.0;

    public required BenchArgs Args { get; init; }

    public required MachineInfo Machine { get; init; }

    public int CatchUpEvents { get; set; }

    public TimeSpan CatchUp { get; set; }

    public long RawJsonBytes { get; set; }

    public long BodyBytes { get; set; }

    public long WireBytesUp { get; set; }

    public long WireBytesDown { get; set; }

    public long Batches { get; set; }

    public List<IngestFigures> Ingest { get; } = [];

    public FleetFigures? Fleet { get; set; }

    public bool Failed { get; private set; }

    private List<string> Notes { get; } = [];

    public void Fail(string note)
    {
        Failed = true;
        Notes.Add("**failed**: " + note);
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(Inv($"## The uplink: box → county hub (issue 10)"));
        md.AppendLine();
        md.AppendLine(Inv($"Machine: {Machine.Processors} logical CPUs, {Machine.Cpu}; {Machine.Os}; {Machine.Runtime}. Box, hub, proxy and PostgreSQL 15 (fsync on) all on this machine."));
        if (Args.Quick)
        {
            md.AppendLine("**--quick**: smaller runs, a smoke test, not the measurement.");
        }

        md.AppendLine();
        if (CatchUpEvents > 0)
        {
            var floor = TimeSpan.FromSeconds((double)BodyBytes / LinkBytesPerSecond);
            var ratio = CatchUp / floor;
            md.AppendLine("### Bytes per event and a catch-up through 1 Mbit/s");
            md.AppendLine(Inv($"A box with {CatchUpEvents:N0} events waiting (simulated hall days: tickets, calls, services, ratings, cases, absences, alerts) sends them through the fault proxy throttled to 1 Mbit/s each way; a real hub (SQLite) stores them. Clock: from the link coming up to the last event stored at the hub."));
            md.AppendLine();
            md.AppendLine("| figure | value |");
            md.AppendLine("| --- | --- |");
            md.AppendLine(Inv($"| event JSON as the box stores it | {(double)RawJsonBytes / CatchUpEvents:F1} bytes/event |"));
            md.AppendLine(Inv($"| **compressed batch body on the wire** | **{(double)BodyBytes / CatchUpEvents:F1} bytes/event** ({(double)RawJsonBytes / BodyBytes:F1}× smaller) |"));
            md.AppendLine(Inv($"| everything the box sent (TLS, HTTP headers, signatures) | {(double)WireBytesUp / CatchUpEvents:F1} bytes/event; {WireBytesDown / 1024.0:F0} KiB of answers |"));
            md.AppendLine(Inv($"| batches | {Batches} (about {(double)CatchUpEvents / Math.Max(1, Batches):F0} events each) |"));
            md.AppendLine(Inv($"| floor: compressed size ÷ bandwidth | {floor.TotalSeconds:F1} s |"));
            md.AppendLine(Inv($"| **catch-up** | **{CatchUp.TotalSeconds:F1} s = {ratio:F2}× the floor** (target ≤ {CatchUpTarget:F1}×: {(ratio <= CatchUpTarget ? "met" : "NOT met")}); {CatchUpEvents / CatchUp.TotalSeconds:F0} events/s |"));
            md.AppendLine();
        }

        if (Ingest.Count > 0)
        {
            md.AppendLine("### Hub ingest beside a raw batched insert of the same rows");
            md.AppendLine("The hub's ingest of signed batches of 2,000 events (signature check, Brotli, JSON, dedupe, facts, mark, one transaction a batch) beside inserting exactly the rows it wrote, every table, raw into a fresh database of the same schema in as many transactions (prepared statements; on PostgreSQL batched 500 a round trip). Both warmed up; the median of three rounds.");
            md.AppendLine();
            md.AppendLine("| engine | events | rows written | ingest | raw insert (floor) | ingest ÷ raw |");
            md.AppendLine("| --- | --- | --- | --- | --- | --- |");
            foreach (var i in Ingest)
            {
                var ratio = i.IngestTime / i.RawTime;
                md.AppendLine(Inv($"| {i.Engine} | {i.Events:N0} | {i.Rows:N0} | {i.Events / i.IngestTime.TotalSeconds:N0} events/s ({i.IngestTime.TotalSeconds:F1} s) | {i.Events / i.RawTime.TotalSeconds:N0} events/s ({i.RawTime.TotalSeconds:F1} s) | **{ratio:F2}×** (target ≤ {IngestTarget:F1}×: {(ratio <= IngestTarget ? "met" : "NOT met")}) |"));
            }

            md.AppendLine();
        }

        if (Fleet is { } fleet)
        {
            md.AppendLine(Inv($"### {fleet.Boxes} boxes at once, one hub on PostgreSQL"));
            md.AppendLine(Inv($"Each box: its own key, the box's own uplink client (signed Brotli batches of 250 events over HTTPS, pinned), one batch at a time; all start together."));
            md.AppendLine();
            md.AppendLine("| boxes | events stored | wall time | events/s ingested | batch round trip p50 | p99 |");
            md.AppendLine("| --- | --- | --- | --- | --- | --- |");
            md.AppendLine(Inv($"| {fleet.Boxes} | {fleet.Stored:N0} | {fleet.Elapsed.TotalSeconds:F1} s | **{fleet.Stored / fleet.Elapsed.TotalSeconds:N0}** | {fleet.P50Ms:F0} ms | **{fleet.P99Ms:F0} ms** |"));
            md.AppendLine();
        }

        foreach (var note in Notes)
        {
            md.AppendLine("- " + note);
        }

        return md.ToString();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

internal sealed record IngestFigures(string Engine, int Events, int Rows, TimeSpan IngestTime, TimeSpan RawTime);

internal sealed record FleetFigures(int Boxes, long Stored, TimeSpan Elapsed, double P50Ms, double P99Ms, int Batches);
