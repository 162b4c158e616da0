using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Hall.CounterMonitor;
using Hall.CounterMonitor.Video;

namespace Hall.Benchmarks;

/// <summary>
/// The floors of the cameras benchmark, measured without the box: N ffmpeg processes started together, a warm-up,
/// then the CPU of those processes (from /proc, as children of this process) over the window.
/// </summary>
internal static class DecodeFloor
{
    /// <summary>
    /// Decode alone: <c>ffmpeg -re -stream_loop -1 -threads 1 -i clip -an -f null -</c> per camera, every frame
    /// decoded at the clip's pace and thrown away. <c>-progress</c> every 5 s tells how many frames each decoded, so a
    /// machine too busy to decode in real time shows instead of looking cheap (at ffmpeg's default of every 0.5 s,
    /// reading 48 progress streams took this process a fifth of a core, which the floor then lacked). <c>-t</c>
    /// bounds each ffmpeg's life, so none outlives a benchmark that was killed.
    /// </summary>
    public static async Task<DecodeResult> DecodeAloneAsync(IReadOnlyList<string> clips, int cameras, TimeSpan warmUp, TimeSpan window, CancellationToken cancellationToken)
    {
        var runs = new List<(Process Process, ProgressLine Progress)>();
        try
        {
            for (var i = 0; i < cameras; i++)
            {
                var info = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
                var life = ((int)(warmUp + window).TotalSeconds + 60).ToString(CultureInfo.InvariantCulture);
                foreach (var argument in new[] { "-hide_banner", "-loglevel", "error", "-nostdin", "-progress", "pipe:1", "-stats_period", "5", "-re", "-stream_loop", "-1", "-threads", "1", "-i", clips[i % clips.Count], "-an", "-t", life, "-f", "null", "-" })
                {
                    info.ArgumentList.Add(argument);
                }

                var process = new Process { StartInfo = info };
                var progress = new ProgressLine();
                process.OutputDataReceived += (_, e) => progress.Read(e.Data);
                process.ErrorDataReceived += (_, _) => { };
                process.Start();
                process.StandardInput.Close();
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                runs.Add((process, progress));
            }

            await Task.Delay(warmUp, cancellationToken);
            var self = Environment.ProcessId;
            var startFrames = runs.Select(r => r.Progress.Snapshot()).ToList();
            var start = ProcCpu.Tree(self)!.Value;
            var busy = ProcCpu.MachineBusySeconds();
            var clock = Stopwatch.StartNew();
            await Task.Delay(window, cancellationToken);
            var end = ProcCpu.Tree(self)!.Value;
            busy = ProcCpu.MachineBusySeconds() - busy;
            var elapsed = clock.Elapsed;
            var endFrames = runs.Select(r => r.Progress.Snapshot()).ToList();
            var pss = runs.Sum(r => ProcCpu.PssMiB(r.Process.Id));
            var exited = runs.Count(r => r.Process.HasExited);
            var rates = startFrames.Zip(endFrames, (a, b) => b.At > a.At ? (b.Frames - a.Frames) / (b.At - a.At).TotalSeconds : 0).ToList();
            return new DecodeResult(
                "decode alone (ffmpeg -re … -f null)",
                cameras,
                CpuWindow.Between(start, end, busy, elapsed),
                rates.Average(),
                CameraClips.Fps,
                exited,
                pss);
        }
        finally
        {
            foreach (var (process, _) in runs)
            {
                Stop(process);
            }
        }
    }

    /// <summary>
    /// Decode and scale: the box's own <see cref="CameraFeed"/> per camera, with the options the box gives a file
    /// camera (the box's ffmpeg arguments, real time, looped; sampled at 2/s and letterboxed to 128×128 RGB24 on a
    /// pipe), its frames read by the feed and then discarded here. The ffmpeg CPU is the floor for decode+scale; the
    /// feed's reading is reported apart (it is this process's own CPU, which also includes the benchmark idling).
    /// </summary>
    public static async Task<DecodeResult> DecodeAndScaleAsync(IReadOnlyList<string> clips, int cameras, double sampleRate, TimeSpan warmUp, TimeSpan window, CancellationToken cancellationToken)
    {
        var defaults = new CounterMonitorOptions();
        var channel = Channel.CreateBounded<VideoFrame>(new BoundedChannelOptions(defaults.InferenceQueue) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var drain = Task.Run(
            async () =>
            {
                await foreach (var _ in channel.Reader.ReadAllAsync(stop.Token))
                {
                    // Thrown away: inference is measured on its own.
                }
            },
            CancellationToken.None);
        var feeds = new List<(CameraFeed Feed, Task Run)>();
        try
        {
            for (var i = 0; i < cameras; i++)
            {
                var feed = new CameraFeed(
                    new CameraFeedOptions
                    {
                        CameraId = string.Create(CultureInfo.InvariantCulture, $"cam-{i + 1}"),
                        Source = clips[i % clips.Count],
                        Width = 128,
                        Height = 128,
                        SampleRate = sampleRate,
                        Pace = FramePace.Realtime,
                        Loop = true,
                        NoFrameTimeout = defaults.NoFrameTimeout,
                        MinBackoff = defaults.RestartBackoffMin,
                        MaxBackoff = defaults.RestartBackoffMax,
                    },
                    channel.Writer);
                feeds.Add((feed, feed.RunAsync(stop.Token)));
            }

            await Task.Delay(warmUp, cancellationToken);
            var self = Environment.ProcessId;
            var startFrames = feeds.Sum(f => f.Feed.FramesReceived);
            var startRestarts = feeds.Sum(f => f.Feed.Restarts);
            var start = ProcCpu.Tree(self)!.Value;
            var busy = ProcCpu.MachineBusySeconds();
            var clock = Stopwatch.StartNew();
            await Task.Delay(window, cancellationToken);
            var end = ProcCpu.Tree(self)!.Value;
            busy = ProcCpu.MachineBusySeconds() - busy;
            var elapsed = clock.Elapsed;
            var frames = feeds.Sum(f => f.Feed.FramesReceived) - startFrames;
            var restarts = feeds.Sum(f => f.Feed.Restarts) - startRestarts + feeds.Count(f => f.Run.IsCompleted);
            var pss = feeds.Sum(f => f.Feed.ProcessId is { } pid ? ProcCpu.PssMiB(pid) : 0);
            return new DecodeResult(
                "decode + scale (the box's CameraFeed and ffmpeg arguments, samples discarded)",
                cameras,
                CpuWindow.Between(start, end, busy, elapsed),
                frames / elapsed.TotalSeconds / cameras,
                sampleRate,
                restarts,
                pss);
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var (feed, _) in feeds)
            {
                await feed.DisposeAsync();
            }

            try
            {
                await drain;
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    /// <summary>The last <c>frame=</c> of one ffmpeg's -progress output and when it arrived.</summary>
    private sealed class ProgressLine
    {
        private readonly Lock _gate = new();
        private long _frames;
        private TimeSpan _at;
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public void Read(string? line)
        {
            if (line is not null && line.StartsWith("frame=", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var frames))
            {
                lock (_gate)
                {
                    _frames = frames;
                    _at = _clock.Elapsed;
                }
            }
        }

        public (long Frames, TimeSpan At) Snapshot()
        {
            lock (_gate)
            {
                return (_frames, _at);
            }
        }
    }
}
