using System.Globalization;
using System.Text;

namespace Hall.Benchmarks;

/// <summary>Collects the run's figures and writes them as Markdown.</summary>
internal sealed class BenchReport
{
    private readonly List<string> _notes = [];
    private readonly List<LoadResult> _phases = [];

    public required BenchArgs Args { get; init; }

    public required MachineInfo Machine { get; init; }

    public string? BoxDll { get; set; }

    public LoadResult? Floor { get; set; }

    public LoadResult? Tickets { get; set; }

    public LoadResult? Calls { get; set; }

    public LoadResult? TicketsMax { get; set; }

    public LoadResult? BoxPingMax { get; set; }

    public LoadResult? StoreSingle { get; set; }

    public LoadResult? TicketsLow { get; set; }

    public Hall.Devices.HallSimulator.SimulationReport? Simulation { get; set; }

    public int SimulationScale { get; set; }

    public LoadResult? MosquittoPing { get; set; }

    public LoadResult? MosquittoPingMax { get; set; }

    public EstimateAccuracyResult? Accuracy { get; set; }

    public TimeSpan? BoxConnect { get; set; }

    public TimeSpan? MosquittoConnect { get; set; }

    public IReadOnlyList<string> Categories { get; set; } = [];

    public bool Failed { get; private set; }

    public IReadOnlyList<string> Notes => _notes;

    public void Note(string note) => _notes.Add(note);

    public void Fail(string note)
    {
        Failed = true;
        _notes.Add("FAILED: " + note);
        Console.Error.WriteLine("[bench] FAILED: " + note);
    }

    public void Phase(string target, LoadResult result) => _phases.Add(result with { Label = $"{target}: {result.Label}" });

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        var rate = F0(Args.Rate);
        md.AppendLine(Inv($"### Benchmark run {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}{(Args.Quick ? " (--quick: short phases, smoke test only)" : "")}"));
        md.AppendLine();
        md.AppendLine(Inv($"Machine: {Machine.Processors} logical CPUs, {Machine.Cpu}; {Machine.Os}; {Machine.Runtime}; SDK {Machine.Sdk}; {Machine.Mosquitto}."));
        md.AppendLine(Inv($"Fleet: {Args.Kiosks} kiosks, {Fleet.Counters} callers (counters 1–4), {Args.Displays} displays = {Args.Kiosks + Fleet.Counters + Args.Displays} MQTT clients, QoS 1, loopback. Phases of {Args.Phase.TotalSeconds:F0} s; open loop at {rate} commands/s."));
        md.AppendLine();
        md.AppendLine("| Figure | Measured | Compared with | Ratio | Target | Met |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- |");
        Row(md, $"Ticket req→reply at {rate}/s (box)", Latency(Tickets), Floor is null ? "—" : $"floor p99 {Ms(Floor.P99)}", Ratio(Tickets?.P99, Floor?.P99), "p99 ≤ 3× floor", Met(Tickets?.P99 / Floor?.P99, r => r <= 3));
        Row(md, Inv($"Ticket req→reply at {F0(Args.Rate / 5)}/s (box, below saturation)"), Latency(TicketsLow), Floor is null ? "—" : $"floor p99 {Ms(Floor.P99)}", Ratio(TicketsLow?.P99, Floor?.P99), "—", "—");
        Row(md, "Caller next → display/call (box)", Latency(Calls), Floor is null ? "—" : $"floor p99 {Ms(Floor.P99)}", Ratio(Calls?.P99, Floor?.P99), "—", "—");
        Row(md, $"Open-loop ticket rate achieved (box)", Tickets is null ? "—" : $"{F0(Tickets.Throughput)}/s, {Tickets.Refused + Tickets.Lost} refused/lost of {Tickets.Sent}", $"target {rate}/s", Ratio(Tickets?.Throughput, Args.Rate), "≥ 0.95× target", Met(Tickets?.Throughput / Args.Rate, r => r >= 0.95));
        Row(md, "Closed-loop max tickets/s (box, stored)", Rate(TicketsMax), BoxPingMax is null ? "—" : $"box ping max {F0(BoxPingMax.Throughput)}/s", Ratio(TicketsMax?.Throughput, BoxPingMax?.Throughput), "—", "—");
        Row(md, "Raw SQLite commits/s (WAL, synchronous FULL, 1 row each)", StoreSingle is null ? "—" : $"{F0(StoreSingle.Throughput)}/s, p99 {Ms(StoreSingle.P99)}", TicketsMax is null ? "—" : $"box tickets max {F0(TicketsMax.Throughput)}/s", Ratio(TicketsMax?.Throughput, StoreSingle?.Throughput), "—", "—");
        Row(md, $"Floor: req/ping → res/ping at {rate}/s (box broker)", Latency(Floor), "—", "—", "—", "—");
        Row(md, $"req/ping → res/ping at {rate}/s (Mosquitto + responder)", Latency(MosquittoPing), Floor is null ? "—" : $"box floor p99 {Ms(Floor.P99)}", Ratio(MosquittoPing?.P99, Floor?.P99), "—", "—");
        Row(md, "Max ping round trips/s: box broker vs Mosquitto", BoxPingMax is null ? "—" : $"box {F0(BoxPingMax.Throughput)}/s", MosquittoPingMax is null ? "—" : $"Mosquitto {F0(MosquittoPingMax.Throughput)}/s", Ratio(BoxPingMax?.Throughput, MosquittoPingMax?.Throughput), "≥ 0.8× Mosquitto", Met(BoxPingMax?.Throughput / MosquittoPingMax?.Throughput, r => r >= 0.8));
        if (Accuracy is { } a)
        {
            Row(md, $"Wait estimate MAE, {a.Mornings} morning peaks ({a.People} people)", $"{F1(a.Estimator.MeanAbsoluteErrorMinutes)} min (bias {F1(a.Estimator.MeanErrorMinutes)})", $"plain {F1(a.Plain.MeanAbsoluteErrorMinutes)} min (bias {F1(a.Plain.MeanErrorMinutes)})", Ratio(a.Estimator.MeanAbsoluteErrorMinutes, a.Plain.MeanAbsoluteErrorMinutes), "≤ 0.8× plain", Met(a.Estimator.MeanAbsoluteErrorMinutes / a.Plain.MeanAbsoluteErrorMinutes, r => r <= 0.8));
        }

        if (Simulation is { } sim)
        {
            var errors = sim.Errors.Count == 0 ? "none" : string.Join(", ", sim.Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} ×{e.Value}"));
            var everyone = sim.TicketsIssued == sim.People && sim.Called == sim.TicketsIssued && sim.Finished + sim.Skipped == sim.Called;
            Row(md, Inv($"Hall simulation: one morning at ×{SimulationScale} against the box (4 kiosks, 4 callers, 2 displays)"), Inv($"{sim.People} people, {sim.TicketsIssued} tickets, {sim.Called} called, {sim.Finished} served, {sim.Skipped} skipped, {sim.Recalls} recalls; displays saw {sim.CallsSeenByDisplays} calls"), $"refusals: {errors}", "—", "everyone served", everyone ? "yes" : "**no**");
        }

        md.AppendLine();
        md.AppendLine("Phases:");
        md.AppendLine();
        md.AppendLine("| Phase | Sent | Answered | Refused | Lost | Rate/s | p50 ms | p99 ms | Codes |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var p in _phases)
        {
            var codes = p.Codes.Count == 0 ? "" : string.Join(", ", p.Codes.OrderByDescending(c => c.Value).Select(c => $"{c.Key} ×{c.Value}"));
            md.AppendLine(Inv($"| {p.Label} | {p.Sent} | {p.Answered} | {p.Refused} | {p.Lost} | {F0(p.Throughput)} | {F1(p.P50)} | {F1(p.P99)} | {codes} |"));
        }

        md.AppendLine();
        if (Accuracy is { } acc)
        {
            md.AppendLine(Inv($"Estimate accuracy: mean real wait {F1(acc.Estimator.MeanWaitMinutes)} min, longest queue {acc.MostWaiting}; demo catalogue (counter 1 A, 2 A>B, 3 B>A, 4 B), A 公民类 70 % mean 6 min, B 法人类 30 % mean 12 min, log-normal σ 0.5, arrivals 10/h at 9:00 → 45/h at 10:00 → 15/h at 11:30 → 5/h at 12:00."));
        }

        if (BoxConnect is { } bc)
        {
            md.AppendLine(Inv($"Connecting the fleet (16 at a time, with subscriptions): box {bc.TotalSeconds:F1} s{(MosquittoConnect is { } mc ? Inv($", Mosquitto {mc.TotalSeconds:F1} s") : "")}. Ticket categories used: {string.Join(", ", Categories)}."));
        }

        foreach (var note in _notes)
        {
            md.AppendLine();
            md.AppendLine("- " + note);
        }

        return md.ToString();
    }

    private static void Row(StringBuilder md, string figure, string measured, string compared, string ratio, string target, string met) =>
        md.AppendLine($"| {figure} | {measured} | {compared} | {ratio} | {target} | {met} |");

    private static string Latency(LoadResult? r) => r is null || r.Latency.Count == 0 ? "—" : $"p50 {Ms(r.P50)}, p99 {Ms(r.P99)} (n={r.Latency.Count})";

    private static string Rate(LoadResult? r) => r is null ? "—" : $"{F0(r.Throughput)}/s";

    private static string Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 && !double.IsNaN(x) && !double.IsNaN(y) ? Inv($"{x / y:F2}×") : "—";

    private static string Met(double? ratio, Func<double, bool> ok) => ratio is { } r && !double.IsNaN(r) && !double.IsInfinity(r) ? (ok(r) ? "yes" : "**no**") : "not measured";

    private static string Ms(double ms) => Inv($"{ms:F2} ms");

    private static string F0(double v) => v.ToString("F0", CultureInfo.InvariantCulture);

    private static string F1(double v) => v.ToString("F1", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
