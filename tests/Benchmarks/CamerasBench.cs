using System.Globalization;
using Hall.Vision;

namespace Hall.Benchmarks;

/// <summary>
/// The cameras scenario (docs/benchmarks.md): N counter cameras, each a 704×576 stream sampled at 2/s. Floors first
/// (decode alone, decode+scale with the box's own feed, inference alone), then the box idle and the box with the N
/// cameras: the whole pipeline is compared with decode alone plus inference alone. When the N cameras do not fit,
/// shorter probes look for the largest number that does (full mode).
/// </summary>
internal static class CamerasBench
{
    private const double SampleRate = 2;

    /// <summary>Other work on the machine, in % of all its CPUs, that a measuring window tolerates.</summary>
    private const double QuietPercent = 10;

    public static async Task<CamerasReport> RunAsync(BenchArgs options, MachineInfo machine, CancellationToken ct)
    {
        var floorWarmUp = options.Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(5);
        var boxWarmUp = options.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(15);
        var report = new CamerasReport { Args = options, Machine = machine, SampleRate = SampleRate, LoadAverage = LoadAverage() };
        try
        {
            await RunPhasesAsync(report, floorWarmUp, boxWarmUp, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            report.Fail("cameras part: cancelled (Ctrl+C, SIGTERM or the run's time limit); the figures so far are shown.");
        }
        catch (Exception e)
        {
            report.Fail($"cameras part: {e.GetType().Name}: {e.Message}");
        }

        return report;
    }

    private static async Task RunPhasesAsync(CamerasReport report, TimeSpan floorWarmUp, TimeSpan boxWarmUp, CancellationToken ct)
    {
        var options = report.Args;
        var n = options.Cameras;
        var window = options.Window;
        report.Note(Inv($"Warm-up: {floorWarmUp.TotalSeconds:F0} s for the ffmpeg-only phases, {boxWarmUp.TotalSeconds:F0} s for the box after every camera has delivered a sample."));

        var models = options.Models ?? ModelFolder.Find();
        var photo = models is null ? null : Path.Combine(models, "test", "astronaut.png");
        if (models is null || !File.Exists(Path.Combine(models, BlazeFaceModel.Front.FileName)) || !File.Exists(photo))
        {
            report.Fail($"Cameras part NOT RUN: no face models with the test photo ({models ?? ".models not found"}); run provisioning/scripts/fetch-models.sh or pass --models DIR.");
            return;
        }

        Console.Error.WriteLine("[bench] cameras: test clips…");
        var clips = await CameraClips.EnsureAsync(photo!, ct);
        var samples = new List<byte[]>();
        foreach (var clip in clips)
        {
            samples.AddRange(await CameraClips.SamplesAsync(clip, BlazeFaceModel.Front.InputSize, SampleRate, ct));
        }

        report.DecodeAlone = await UndisturbedAsync(
            report, Inv($"decode alone, {n} ffmpegs"), () => DecodeFloor.DecodeAloneAsync(clips, n, floorWarmUp, window, ct), r => Others(r.Cpu), ct);
        report.DecodeScale = await UndisturbedAsync(
            report, Inv($"decode + scale, {n} CameraFeeds"), () => DecodeFloor.DecodeAndScaleAsync(clips, n, SampleRate, floorWarmUp, window, ct), r => Others(r.Cpu), ct);
        var count = (int)Math.Ceiling(n * SampleRate * window.TotalSeconds);
        report.Inference = await UndisturbedAsync(
            report, Inv($"inference alone, {count} samples"), () => Task.FromResult(InferenceFloor.Run(models!, samples, count)), r => r.OtherPercent, ct);

        var boxDll = options.Box ?? BoxTarget.FindBox();
        if (boxDll is null || !File.Exists(boxDll))
        {
            report.Fail("Whole-pipeline part NOT RUN: Hall.FirmwareHost.dll not found (build it with `dotnet build firmware-host -c Release`, or pass --box PATH).");
            return;
        }

        var idleWindow = TimeSpan.FromSeconds(Math.Min(window.TotalSeconds, 20));
        report.Idle = await UndisturbedAsync(
            report, "the box idle", () => BoxCameras.RunAsync(boxDll, models!, clips, 0, SampleRate, floorWarmUp, idleWindow, ct), r => Others(r.Cpu), ct);
        report.Whole = await UndisturbedAsync(
            report, Inv($"the box with {n} cameras"), () => BoxCameras.RunAsync(boxDll, models!, clips, n, SampleRate, boxWarmUp, window, ct), r => Others(r.Cpu), ct);
        if (!report.Whole.Fits && options.FindFit)
        {
            await FindFitAsync(report, boxDll, models!, clips, boxWarmUp, ct);
        }
    }

    /// <summary>
    /// Up to four shorter runs of the box, bisecting between 0 and N, the first at the count the floors predict
    /// (or the main run's own per-camera cost when it kept up) for <see cref="BoxCamerasResult.FitMachinePercent"/>.
    /// </summary>
    private static async Task FindFitAsync(CamerasReport report, string boxDll, string models, IReadOnlyList<string> clips, TimeSpan warmUp, CancellationToken ct)
    {
        var whole = report.Whole!;
        var idle = report.Idle is { } i ? CpuWindow.MachinePercent(i.Cpu.Total, i.Cpu.Elapsed) * Environment.ProcessorCount : 0;
        var perCamera = whole.KeptUp
            ? whole.WholePercentPerCamera
            : report.DecodeScale!.FfmpegPercentPerCamera + report.Inference!.PercentPerCamera(SampleRate);
        var budget = (BoxCamerasResult.FitMachinePercent * Environment.ProcessorCount) - idle;
        var fits = 0;
        var fails = whole.Cameras;
        var next = Math.Clamp((int)Math.Floor(budget / perCamera), 1, fails - 1);
        report.ProbeWindow = TimeSpan.FromSeconds(Math.Max(20, report.Args.Window.TotalSeconds / 2));
        report.Note(Inv($"{whole.Cameras} cameras did not fit; probes of {report.ProbeWindow.TotalSeconds:F0} s bisect for the largest count that keeps up within {BoxCamerasResult.FitMachinePercent:F0} % of the machine, starting from {next} (predicted from {(whole.KeptUp ? "the main run's" : "the floors'")} {perCamera:F2} % of a core per camera and the idle box)."));
        for (var probe = 0; probe < 4 && fails - fits > 1; probe++)
        {
            var cameras = next;
            var result = await UndisturbedAsync(
                report, Inv($"fit probe with {cameras} cameras"), () => BoxCameras.RunAsync(boxDll, models, clips, cameras, SampleRate, warmUp, report.ProbeWindow, ct), r => Others(r.Cpu), ct);
            report.Probe(result);
            if (result.Fits)
            {
                fits = next;
            }
            else
            {
                fails = next;
            }

            next = (fits + fails) / 2;
        }
    }

    /// <summary>
    /// Other programs on the machine skew CPU times (shared caches) and take the cores a phase needs. A phase starts
    /// once the machine is quiet, and is measured again (at most three times in all) when other work took more than
    /// <see cref="QuietPercent"/> of the machine during its window; the least disturbed attempt is kept, and noted.
    /// </summary>
    private static async Task<T> UndisturbedAsync<T>(CamerasReport report, string phase, Func<Task<T>> run, Func<T, double> otherPercent, CancellationToken ct)
    {
        var best = default(T);
        var bestLoad = double.MaxValue;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await WaitQuietAsync(phase, ct);
            Console.Error.WriteLine($"[bench] cameras: {phase}{(attempt > 1 ? Inv($" (attempt {attempt})") : "")}…");
            var result = await run();
            var load = otherPercent(result);
            if (load < bestLoad)
            {
                best = result;
                bestLoad = load;
            }

            if (load <= QuietPercent)
            {
                return result;
            }

            Console.Error.WriteLine(Inv($"[bench] cameras: other work took {load:F0} % of the machine during {phase}."));
        }

        report.Note(Inv($"{phase}: other work took more than {QuietPercent:F0} % of the machine in each of three attempts; the least disturbed ({bestLoad:F0} %) is shown."));
        return best!;
    }

    private static double Others(CpuWindow window) => CpuWindow.MachinePercent(window.Others, window.Elapsed);

    /// <summary>Before a phase: wait (at most two minutes) until the machine has been below <see cref="QuietPercent"/> busy for 3 s.</summary>
    private static async Task WaitQuietAsync(string phase, CancellationToken ct)
    {
        var limit = System.Diagnostics.Stopwatch.StartNew();
        while (limit.Elapsed < TimeSpan.FromMinutes(2))
        {
            var before = ProcCpu.MachineBusySeconds();
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            var busy = 100 * (ProcCpu.MachineBusySeconds() - before) / 3 / Environment.ProcessorCount;
            if (busy < QuietPercent)
            {
                return;
            }

            Console.Error.WriteLine(Inv($"[bench] cameras: the machine is {busy:F0} % busy with other work; waiting before {phase}…"));
        }
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
