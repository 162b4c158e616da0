using System.Diagnostics;
using System.Globalization;

namespace Hall.Benchmarks;

/// <summary>
/// The whole pipeline: the real box (<see cref="BoxTarget"/>) started with N counter cameras on its command line,
/// each a looped clip that the box plays in real time like a live camera (one supervised ffmpeg per camera, the one
/// inference worker, the presence rules, MQTT publishing). After all cameras are online and a warm-up, the CPU of
/// the box process and of all its ffmpegs is measured over the window, and /metrics tells how many samples were
/// really inferred and dropped: a box that keeps its CPU low by dropping samples is reported as not keeping up.
/// </summary>
internal static class BoxCameras
{
    public static async Task<BoxCamerasResult> RunAsync(
        string boxDll, string modelDirectory, IReadOnlyList<string> clips, int cameras, double sampleRate, TimeSpan warmUp, TimeSpan window, CancellationToken cancellationToken)
    {
        var arguments = new List<string>
        {
            $"--CounterMonitor:ModelDirectory={modelDirectory}",
            // Empty: presence is judged whenever a counter is open, whatever the hour of the run.
            "--CounterMonitor:OpeningHours=",
        };
        for (var i = 0; i < cameras; i++)
        {
            // Counters beyond the queue's four are unknown to it; a camera watches them all the same (presence is published).
            arguments.Add(Inv($"--CounterMonitor:Cameras:{i}:Id=cam-{i + 1}"));
            arguments.Add(Inv($"--CounterMonitor:Cameras:{i}:Source={clips[i % clips.Count]}"));
            arguments.Add(Inv($"--CounterMonitor:Cameras:{i}:Counter={i + 1}"));
            arguments.Add(Inv($"--CounterMonitor:Cameras:{i}:SampleRate={sampleRate}"));
        }

        await using var box = await BoxTarget.StartAsync(boxDll, "bench", kiosks: 1, displays: 1, cancellationToken, arguments);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        if (cameras > 0)
        {
            await WaitOnlineAsync(box, http, cameras, cancellationToken);
        }

        await Task.Delay(warmUp, cancellationToken);
        var before = await CameraMetrics.ReadAsync(http, box.HttpPort, cancellationToken);
        var start = ProcCpu.Tree(box.ProcessId) ?? throw new InvalidOperationException($"The box exited. {box.LogTail()}");
        var busy = ProcCpu.MachineBusySeconds();
        var clock = Stopwatch.StartNew();
        await Task.Delay(window, cancellationToken);
        var end = ProcCpu.Tree(box.ProcessId) ?? throw new InvalidOperationException($"The box exited. {box.LogTail()}");
        busy = ProcCpu.MachineBusySeconds() - busy;
        var elapsed = clock.Elapsed;
        var after = await CameraMetrics.ReadAsync(http, box.HttpPort, cancellationToken);

        double Delta(string name) => after.Sum(name) - before.Sum(name);
        var ids = Enumerable.Range(1, cameras).Select(i => Inv($"cam-{i}")).ToList();
        var slowest = ids.Count == 0 ? 0 : ids.Min(id => after.Of("hall_camera_inferences_total", id) - before.Of("hall_camera_inferences_total", id)) / elapsed.TotalSeconds;
        var ffmpegPss = ProcCpu.ChildrenOf(box.ProcessId).Sum(ProcCpu.PssMiB);
        return new BoxCamerasResult(
            cameras,
            CpuWindow.Between(start, end, busy, elapsed),
            sampleRate,
            Delta("hall_camera_inferences_total"),
            Delta("hall_camera_frames_total"),
            Delta("hall_camera_dropped_total"),
            Delta("hall_camera_restarts_total"),
            ids.Count(id => after.Of("hall_camera_online", id) > 0),
            slowest,
            Delta("hall_camera_inference_seconds_total"),
            ProcCpu.PeakRssMiB(box.ProcessId),
            ffmpegPss);
    }

    /// <summary>
    /// Until the models are loaded and every camera has delivered a sample, at most 90 s. Cameras still missing then
    /// are part of the result (an overloaded box restarts cameras that deliver nothing for 10 s): the window is
    /// measured anyway and shows them. Models that never load are a failure.
    /// </summary>
    private static async Task WaitOnlineAsync(BoxTarget box, HttpClient http, int cameras, CancellationToken cancellationToken)
    {
        var limit = Stopwatch.StartNew();
        var online = 0;
        while (limit.Elapsed < TimeSpan.FromSeconds(90))
        {
            var metrics = await CameraMetrics.ReadAsync(http, box.HttpPort, cancellationToken);
            online = metrics.Cameras.Count(c => metrics.Of("hall_camera_online", c) > 0 && metrics.Of("hall_camera_inferences_total", c) > 0);
            if (metrics.ModelsReady && online == cameras)
            {
                return;
            }

            await Task.Delay(500, cancellationToken);
        }

        var last = await CameraMetrics.ReadAsync(http, box.HttpPort, cancellationToken);
        if (!last.ModelsReady)
        {
            throw new TimeoutException($"The box did not load the face models within 90 s. Last lines of {box.LogPath}:\n{box.LogTail()}");
        }

        Console.Error.WriteLine($"[bench] cameras: only {online} of {cameras} cameras delivered within 90 s; measuring anyway.");
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
