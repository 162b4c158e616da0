using System.Globalization;
using System.Text;

namespace Hall.Benchmarks;

/// <summary>The cameras benchmark's figures, written as Markdown like <see cref="BenchReport"/>.</summary>
internal sealed class CamerasReport
{
    /// <summary>The issue's target: the whole pipeline within this many times decode alone plus inference alone.</summary>
    public const double TargetRatio = 1.3;

    private readonly List<string> _notes = [];
    private readonly List<BoxCamerasResult> _probes = [];

    public required BenchArgs Args { get; init; }

    public required MachineInfo Machine { get; init; }

    public required double SampleRate { get; init; }

    public string LoadAverage { get; set; } = "unknown";

    public DecodeResult? DecodeAlone { get; set; }

    public DecodeResult? DecodeScale { get; set; }

    public InferenceResult? Inference { get; set; }

    public BoxCamerasResult? Idle { get; set; }

    public BoxCamerasResult? Whole { get; set; }

    public TimeSpan ProbeWindow { get; set; }

    public IReadOnlyList<BoxCamerasResult> Probes => _probes;

    public bool Failed { get; private set; }

    public void Note(string note) => _notes.Add(note);

    public void Fail(string note)
    {
        Failed = true;
        _notes.Add("FAILED: " + note);
        Console.Error.WriteLine("[bench] FAILED: " + note);
    }

    public void Probe(BoxCamerasResult result) => _probes.Add(result);

    /// <summary>The largest camera count measured to fit, among the main run and the probes.</summary>
    public int? LargestFit => new[] { Whole }.Concat(_probes).Where(r => r is { Fits: true }).Select(r => r!.Cameras).DefaultIfEmpty().Max() is var n and > 0 ? n : null;

    public string ToMarkdown()
    {
        var n = Args.Cameras;
        var md = new StringBuilder();
        md.AppendLine(Inv($"### Cameras benchmark run {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}{(Args.Quick ? " (--quick: smoke test only)" : "")}"));
        md.AppendLine();
        md.AppendLine(Inv($"Machine: {Machine.Processors} logical CPUs, {Machine.Cpu}; {Machine.Os}; {Machine.Runtime}; load average at start {LoadAverage}."));
        md.AppendLine(Inv($"Cameras: {n} counter cameras, each {CameraClips.Description}; sampled at {F1(SampleRate)}/s and letterboxed to 128×128 RGB24. Each phase runs alone: a warm-up (notes), then a {F0(Args.Window.TotalSeconds)} s window. CPU is utime+stime from /proc (children included); % of a core per camera."));
        md.AppendLine();

        // A floor that fell behind is scaled to the full rate (and marked), so that it is not cheaper for having done less.
        var decode = DecodeAlone is { } d ? d.FullRatePercentPerCamera : double.NaN;
        var scale = DecodeScale is { } s ? s.FullRatePercentPerCamera : double.NaN;
        var decodeMark = DecodeAlone is { KeptUp: false } ? " (scaled to 25 frames/s: it fell behind)" : "";
        var scaleMark = DecodeScale is { KeptUp: false } ? " (scaled to the full sample rate: it fell behind)" : "";
        var infer = Inference is { } i ? i.PercentPerCamera(SampleRate) : double.NaN;
        var whole = Whole is { } w ? w.WholePercentPerCamera : double.NaN;
        var keptUp = Whole is { KeptUp: true };
        md.AppendLine("| Figure | Measured | Compared with | Ratio | Target | Met |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- |");
        Row(md, Inv($"Whole pipeline per camera ({n} cameras on the box)"), Pct(whole), Inv($"decode alone {Pct(decode)}{decodeMark} + inference alone {Pct(infer)} = {Pct(decode + infer)}"), Ratio(whole, decode + infer), Inv($"≤ {F1(TargetRatio)}×"),
            Whole is null ? "not measured" : !keptUp ? "**no** (did not keep up: see below)" : whole / (decode + infer) <= TargetRatio ? "yes" : "**no**");
        Row(md, "Whole pipeline per camera, against the box's own ffmpeg arguments", Pct(whole), Inv($"decode+scale alone {Pct(scale)}{scaleMark} + inference alone {Pct(infer)} = {Pct(scale + infer)}"), Ratio(whole, scale + infer), "—", "—");
        if (Whole is { } box)
        {
            Row(md, Inv($"{n} cameras on the box: the machine"), Inv($"{F0(box.MachinePercent)} % of {Machine.Processors} CPUs; {F2(box.SamplesPerCamera)} samples/s per camera (slowest {F2(box.SlowestCameraRate)}); {F0(box.Dropped)} dropped, {F0(box.Restarts)} restarts, {box.Online}/{n} online"), Inv($"idle box {Pct(Idle is null ? double.NaN : CpuWindow.MachinePercent(Idle.Cpu.Total, Idle.Cpu.Elapsed))} of the machine"), "—", Inv($"keeps up, ≤ {F0(BoxCamerasResult.FitMachinePercent)} % of the machine"), box.Fits ? "yes" : "**no**");
        }

        if (_probes.Count > 0)
        {
            var fit = LargestFit;
            var noFit = new[] { Whole }.Concat(_probes).Where(r => r is { Fits: false }).Select(r => r!.Cameras).DefaultIfEmpty().Min();
            Row(md, "Largest camera count measured to fit", fit is { } f ? Inv($"{f} cameras") : "none of those tried", noFit > 0 ? Inv($"{noFit} did not fit") : "—", "—", Inv($"{n}"), fit >= n ? "yes" : "**no**");
        }

        md.AppendLine();
        md.AppendLine("Phases (one after another, never overlapping):");
        md.AppendLine();
        md.AppendLine("| Phase | Cameras | CPU s in window | % of a core per camera | % of the machine | Rate per camera | Other load on the machine | Notes |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        if (DecodeAlone is { } da)
        {
            PhaseRow(md, da.Label, da.Cameras, da.Cpu.Children, da.Cpu.Elapsed, da.Cpu, Inv($"{F1(da.RatePerCamera)} frames/s decoded"), Inv($"{(da.KeptUp ? "" : "**fell behind**; ")}ffmpeg memory (Pss) {F0(da.FfmpegPssMiB)} MiB in all; this benchmark reading their -progress: {F0(CpuWindow.MachinePercent(da.Cpu.Own, da.Cpu.Elapsed))} % of the machine"));
        }

        if (DecodeScale is { } ds)
        {
            PhaseRow(md, ds.Label + ": ffmpeg", ds.Cameras, ds.Cpu.Children, ds.Cpu.Elapsed, ds.Cpu, Inv($"{F2(ds.RatePerCamera)} samples/s"), Inv($"{(ds.KeptUp ? "" : "**fell behind**; ")}{ds.Restarts} restarts; ffmpeg memory (Pss) {F0(ds.FfmpegPssMiB)} MiB in all"));
            PhaseRow(md, "decode + scale: the feeds' reading (this benchmark process)", ds.Cameras, ds.Cpu.Own, ds.Cpu.Elapsed, null, "—", "CameraFeed reading the pipes, plus the benchmark idling");
        }

        if (Inference is { } inf)
        {
            md.AppendLine(Inv($"| inference alone (BlazeFace front, serial, {inf.Count} samples) | {n} | {F1(inf.CpuSeconds)} | {Pct(inf.PercentPerCamera(SampleRate))} | — | {F2(inf.CpuMsPerInference)} ms CPU, {F2(inf.WallMsPerInference)} ms wall per sample | {F0(inf.OtherPercent)} % | face found in {F0(100 * inf.FaceRate)} % of samples |"));
        }

        if (Idle is { } idle)
        {
            PhaseRow(md, "box idle (no camera)", 0, idle.Cpu.Total, idle.Cpu.Elapsed, idle.Cpu, "—", Inv($"peak RSS {F0(idle.BoxPeakRssMiB)} MiB"));
        }

        foreach (var run in new[] { Whole }.Concat(_probes).OfType<BoxCamerasResult>())
        {
            var label = ReferenceEquals(run, Whole) ? "whole pipeline (the box)" : Inv($"fit probe ({F0(ProbeWindow.TotalSeconds)} s window)");
            var rate = Inv($"{F2(run.SamplesPerCamera)} samples/s inferred (slowest {F2(run.SlowestCameraRate)}), {F2(run.Read / run.Cpu.Elapsed.TotalSeconds / run.Cameras)} read");
            var notes = Inv($"{(run.KeptUp ? "kept up" : "**did not keep up**")}; {F0(run.Dropped)} dropped, {F0(run.Restarts)} restarts, {run.Online}/{run.Cameras} online; box peak RSS {F0(run.BoxPeakRssMiB)} MiB, ffmpegs (Pss) {F0(run.FfmpegPssMiB)} MiB");
            PhaseRow(md, label + ": total", run.Cameras, run.Cpu.Total, run.Cpu.Elapsed, run.Cpu, rate, notes);
            if (ReferenceEquals(run, Whole))
            {
                PhaseRow(md, label + ": its ffmpegs", run.Cameras, run.Cpu.Children, run.Cpu.Elapsed, null, "—", Inv($"against decode+scale alone: {Ratio(CpuWindow.PerCameraPercent(run.Cpu.Children, run.Cameras, run.Cpu.Elapsed), scale)}"));
                var perSample = run.Inferred > 0 ? 1000 * run.InferenceSeconds / run.Inferred : double.NaN;
                PhaseRow(md, label + ": the box process", run.Cameras, run.Cpu.Own, run.Cpu.Elapsed, null, "—", Inv($"against inference alone: {Ratio(CpuWindow.PerCameraPercent(run.Cpu.Own, run.Cameras, run.Cpu.Elapsed), infer)}; detection {F2(perSample)} ms wall per sample inside the box (alone: {(Inference is null ? "—" : F2(Inference.WallMsPerInference))} ms)"));
            }
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

    /// <param name="others">The window whose other load on the machine is shown; null on a row that splits a window already shown.</param>
    private static void PhaseRow(StringBuilder md, string label, int cameras, double cpuSeconds, TimeSpan elapsed, CpuWindow? others, string rate, string notes)
    {
        var perCamera = cameras > 0 ? Pct(CpuWindow.PerCameraPercent(cpuSeconds, cameras, elapsed)) : "—";
        var otherLoad = others is null ? "—" : Inv($"{F0(CpuWindow.MachinePercent(others.Others, others.Elapsed))} %");
        md.AppendLine(Inv($"| {label} | {cameras} | {F1(cpuSeconds)} | {perCamera} | {F0(CpuWindow.MachinePercent(cpuSeconds, elapsed))} % | {rate} | {otherLoad} | {notes} |"));
    }

    private static string Pct(double v) => double.IsNaN(v) ? "—" : Inv($"{v:F2} %");

    private static string Ratio(double a, double b) => double.IsNaN(a) || double.IsNaN(b) || b <= 0 ? "—" : Inv($"{a / b:F2}×");

    private static string F0(double v) => v.ToString("F0", CultureInfo.InvariantCulture);

    private static string F1(double v) => v.ToString("F1", CultureInfo.InvariantCulture);

    private static string F2(double v) => v.ToString("F2", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
