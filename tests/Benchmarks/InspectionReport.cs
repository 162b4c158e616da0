using System.Globalization;
using System.Text;

namespace Hall.Benchmarks;

/// <summary>The 云踏勘 benchmark's figures, written as Markdown like <see cref="BenchReport"/>.</summary>
internal sealed class InspectionReport
{
    /// <summary>The issue's targets: the whole check within 1.5× decode alone, and under a tenth of the video's length.</summary>
    public const double TargetRatio = 1.5;

    public const double TargetShare = 0.1;

    private readonly List<string> _notes = [];

    public required BenchArgs Args { get; init; }

    public required MachineInfo Machine { get; init; }

    public required int VideoSeconds { get; init; }

    public required string Video { get; init; }

    public long VideoBytes { get; set; }

    public string FfmpegVersion { get; set; } = "unknown";

    /// <summary>ffmpeg -f null, one per round.</summary>
    public List<RunFigures> Floors { get; } = [];

    /// <summary>The whole check through the box, one per round, each after its round's floor.</summary>
    public List<RunFigures> Checks { get; } = [];

    public bool Failed { get; private set; }

    public void Fail(string note)
    {
        Failed = true;
        _notes.Add("FAILED: " + note);
        Console.Error.WriteLine("[bench] FAILED: " + note);
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(Inv($"## 云踏勘: a {VideoSeconds / 60.0:0.#}-minute 720p inspection video checked in the hall"));
        md.AppendLine();
        md.AppendLine(Inv($"Machine: {Machine.Processors} logical CPUs, {Machine.Cpu}; {Machine.Os}; {Machine.Runtime}; ffmpeg {FfmpegVersion}. Video: {Video}; {VideoBytes / 1048576.0:F0} MiB."));
        if (Args.Quick)
            md.AppendLine("**--quick**: a 1-minute video, one round: a smoke test, not the measurement.");
        md.AppendLine();
        md.AppendLine("| round | run | wall time | × the round's floor | × the video's length | CPU: ffmpeg | CPU: box (.NET, OCR, face) | peak memory | verdict |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (var i = 0; i < Floors.Count; i++)
        {
            var floor = Floors[i];
            md.AppendLine(Inv($"| {i + 1} | `ffmpeg -i video -map 0:v:0 -f null -` (floor) | {S(floor.Elapsed)} | 1.00× | {Share(floor.Elapsed):F3} | {floor.ChildCpuSeconds:F1} s | — | ffmpeg {floor.FfmpegPeakMiB:F0} MiB | — |"));
            if (i < Checks.Count)
            {
                var check = Checks[i];
                var outcome = check.Outcome!;
                var verdict = outcome.Passed ? "passed" : "**failed**: " + string.Join("; ", outcome.FailedChecks);
                md.AppendLine(Inv($"| {i + 1} | the whole check (upload acknowledged → verdict on the page) | {S(check.Elapsed)} | {check.Elapsed / floor.Elapsed:F2}× | {Share(check.Elapsed):F3} | {check.ChildCpuSeconds:F1} s | {check.OwnCpuSeconds:F1} s | box {check.BoxPeakMiB:F0} MiB, largest ffmpeg {check.FfmpegPeakMiB:F0} MiB | {verdict} |"));
            }
        }

        md.AppendLine();
        if (Checks.Count > 0)
        {
            var ratios = Checks.Select((c, i) => c.Elapsed / Floors[i].Elapsed).ToList();
            var ratio = ratios.Average();
            var share = Checks.Average(c => Share(c.Elapsed));
            md.AppendLine(Inv($"- **Whole check / decode alone: {ratio:F2}×** (mean of {ratios.Count} rounds; target ≤ {TargetRatio:F1}×: {(ratio <= TargetRatio ? "met" : "NOT met")})."));
            md.AppendLine(Inv($"- **Whole check / the video's length: {share:F3}** (target < {TargetShare:F1}: {(share < TargetShare ? "met" : "NOT met")}); decode alone is {Floors.Average(f => Share(f.Elapsed)):F3} of it on this machine."));
            md.AppendLine(Inv($"- CPU of the whole check: {Checks.Average(c => c.CpuSeconds):F1} s against {Floors.Average(f => f.ChildCpuSeconds):F1} s for decode alone ({Checks.Average(c => c.CpuSeconds) / Floors.Average(f => f.ChildCpuSeconds):F2}×)."));
            md.AppendLine(Inv($"- Peak memory: the box {Checks.Max(c => c.BoxPeakMiB ?? 0):F0} MiB resident, its largest ffmpeg {Checks.Max(c => c.FfmpegPeakMiB):F0} MiB; `ffmpeg -f null` alone {Floors.Max(f => f.FfmpegPeakMiB):F0} MiB."));
            for (var i = 0; i < Checks.Count; i++)
                md.AppendLine(Inv($"- Round {i + 1}, the box's own account: {Checks[i].Outcome!.Stages ?? "(no log line found)"}."));
        }

        foreach (var note in _notes)
            md.AppendLine("- " + note);
        return md.ToString();
    }

    private double Share(TimeSpan elapsed) => elapsed.TotalSeconds / VideoSeconds;

    private static string S(TimeSpan t) => t.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
