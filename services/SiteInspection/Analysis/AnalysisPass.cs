using System.Buffers;
using Hall.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hall.SiteInspection.Analysis;

/// <summary>
/// The one decoding pass over an inspection video (see <see cref="PassArguments"/> for the graph): ffmpeg reports the
/// dark, over-exposed and frozen stretches on stderr, writes the sampled frames to stdout, which this class measures
/// (blur, dHash) and hands to the caller's handler, and writes the watermark strips to a file in the work directory.
/// The results come back as <see cref="CheckResult"/>s in an <see cref="AnalysisReport"/>.
/// </summary>
public sealed class AnalysisPass
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(30);

    /// <summary>How often the strip files are looked at for new strips: ffmpeg writes several a second.</summary>
    private static readonly TimeSpan StripPoll = TimeSpan.FromMilliseconds(50);

    private readonly AnalysisOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
    public AnalysisPass(AnalysisOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Runs the pass over a file the probe found usable. A file that stops decoding part-way gives a report with a
    /// failed <c>probe</c> result (and the other checks over what was decoded), not an exception. Throws
    /// <see cref="OperationCanceledException"/> when cancelled (no ffmpeg or strip file is left behind), and
    /// <see cref="InvalidOperationException"/> when ffmpeg cannot be started.
    /// </summary>
    /// <param name="path">The video file.</param>
    /// <param name="video">The probe's description of it (size and rotation decide the sample and strip sizes).</param>
    /// <param name="workDirectory">Where the watermark strip files go; created if missing. The report deletes them.</param>
    /// <param name="onSample">Optional: every sampled frame, e.g. for a face detector.</param>
    /// <param name="onStrip">Optional: every watermark strip, while decoding goes on (the OCR); an exception from it
    /// stops the pass and comes out of this call.</param>
    public async Task<AnalysisReport> RunAsync(
        string path,
        VideoInfo video,
        string workDirectory,
        SampleFrameHandler? onSample = null,
        StripHandler? onStrip = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(video);
        ArgumentException.ThrowIfNullOrWhiteSpace(workDirectory);
        Directory.CreateDirectory(workDirectory);

        var runId = Guid.NewGuid().ToString("N")[..12];
        var positions = _options.TopStrip ? new[] { StripPosition.Bottom, StripPosition.Top } : [StripPosition.Bottom];
        var stripFiles = positions
            .Select(p => (Position: p, Path: Path.GetFullPath(Path.Combine(workDirectory, $"strip-{runId}-{p.ToString().ToUpperInvariant()[0]}.rgb"))))
            .ToList();
        var (sampleWidth, sampleHeight) = PassArguments.SampleSize(_options.SampleWidth, video.Width, video.Height);
        var interval = TimeSpan.FromSeconds(1 / _options.SampleRate);
        var log = new FilterLog();
        var arguments = PassArguments.Build(_options, Path.GetFullPath(path), video, stripFiles);
        var succeeded = false;
        try
        {
            var started = _time.GetTimestamp();
            var strips = stripFiles.Select(f => (f.Position, f.Path, Size: (video.Width, PassArguments.Strip(_options.StripShare, video.Height, f.Position).Height))).ToList();
            var run = await DecodeAsync(arguments, log, sampleWidth, sampleHeight, onSample, onStrip is null ? null : (strips, onStrip), cancellationToken);
            var report = Report(video, run, log, sampleWidth, sampleHeight, interval, stripFiles);
            if (_logger.IsEnabled(LogLevel.Information))
                _logger.PassFinished(path, run.Samples.Count, _time.GetElapsedTime(started), report.Checks.Count(c => !c.Passed));
            succeeded = true;
            return report;
        }
        finally
        {
            if (!succeeded)
            {
                foreach (var (_, file) in stripFiles)
                    WatermarkStrips.TryDelete(file);
            }
        }
    }

    /// <summary>
    /// About how many bytes of scratch the watermark strips of <paramref name="video"/> take in the work directory
    /// (full-width RGB, <see cref="AnalysisOptions.StripRate"/> a second, one file per position) until the report is
    /// disposed: 207 MB for 5 minutes of 720p.
    /// </summary>
    public long ScratchBytes(VideoInfo video)
    {
        ArgumentNullException.ThrowIfNull(video);
        var strips = (long)Math.Ceiling(video.Duration.TotalSeconds * _options.StripRate) + 1;
        var (height, _) = PassArguments.Strip(_options.StripShare, video.Height, StripPosition.Bottom);
        return strips * video.Width * height * 3 * (_options.TopStrip ? 2 : 1);
    }

    private async Task<DecodeRun> DecodeAsync(
        List<string> arguments,
        FilterLog log,
        int width,
        int height,
        SampleFrameHandler? onSample,
        (List<(StripPosition Position, string Path, (int Width, int Height) Size)> Files, StripHandler Handler)? strips,
        CancellationToken cancellationToken)
    {
        // Killing the tree ends the blocking read below: on a stall (the watchdog), on cancellation (the token).
        using var tool = MediaProcess.Start(new MediaCommand(_options.FfmpegPath, arguments) { OnStderrLine = log.Add }, _time, cancellationToken);
        tool.KillAfter(_options.NoProgressTimeout);
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tailing = strips is { } s ? Task.Run(() => TailStripsAsync(s.Files, s.Handler, tool, exited.Task, cancellationToken), cancellationToken) : Task.CompletedTask;

        List<FrameSample> samples;
        List<FrameHash> hashes;
        int? exitCode;
        bool stalled;
        var finished = false;
        try
        {
            // Synchronous reads on a thread of their own: async reads of a child's pipe cost 5× the CPU here (1 s per
            // 1000 frames against 0.2 s), and the thread is blocked only while ffmpeg decodes.
            (samples, hashes) = await Task.Factory.StartNew(
                () => ReadFrames(tool, width, height, onSample, cancellationToken),
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);

            // The frames are all read: from here a slow strip task is no stall of ffmpeg's.
            stalled = tool.TimedOut;
            tool.KillAfter(Timeout.InfiniteTimeSpan);

            // stdout is at its end: ffmpeg is finishing the strip file and exiting by itself (unless killed above).
            exitCode = await tool.WaitForExitAsync(ExitWait, cancellationToken);
            finished = true;
        }
        finally
        {
            // Whatever happened, the strip task has ended before this returns: it holds the caller's OCR, which the
            // next check uses, and reads files the caller deletes. On an error ffmpeg goes first, so the task does
            // not read on through the strips left in the file.
            if (!finished)
                tool.Kill();
            exited.TrySetResult();
            await tailing.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        await tailing;
        cancellationToken.ThrowIfCancellationRequested();
        return new DecodeRun(samples, hashes, exitCode, stalled, tool.StderrTail());
    }

    /// <summary>
    /// Follows the strip files as ffmpeg writes them and hands each whole strip to the handler, in time order per
    /// position; once ffmpeg has exited, what is left in the files is handed over and the task ends.
    /// </summary>
    private async Task TailStripsAsync(
        List<(StripPosition Position, string Path, (int Width, int Height) Size)> files,
        StripHandler handler,
        MediaProcess tool,
        Task exited,
        CancellationToken cancellationToken)
    {
        var streams = new FileStream?[files.Count];
        var next = new long[files.Count];
        var buffer = new byte[files.Max(f => f.Size.Width * f.Size.Height * 3)];
        try
        {
            while (true)
            {
                // Looked at before the files: once ffmpeg is gone, one more look finds every last strip.
                var last = exited.IsCompleted;
                var handed = false;
                for (var i = 0; i < files.Count; i++)
                {
                    var (position, path, (width, height)) = files[i];
                    var bytes = width * height * 3;
                    streams[i] ??= File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16) : null;
                    if (streams[i] is not { } stream)
                        continue;
                    while (stream.Length >= (next[i] + 1) * bytes)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        stream.Position = next[i] * bytes;
                        stream.ReadExactly(buffer, 0, bytes);
                        try
                        {
                            handler(position, TimeSpan.FromSeconds(next[i] / _options.StripRate), buffer.AsSpan(0, bytes), width, height);
                        }
                        catch
                        {
                            // A handler that fails (a broken OCR model) ends the pass now, not after the whole decode.
                            tool.Kill();
                            throw;
                        }

                        next[i]++;
                        handed = true;
                    }
                }

                if (last && !handed)
                    return;
                if (!handed)
                    await Task.WhenAny(exited, Task.Delay(StripPoll, _time, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            foreach (var stream in streams)
                stream?.Dispose();
        }
    }

    private (List<FrameSample> Samples, List<FrameHash> Hashes) ReadFrames(
        MediaProcess tool,
        int width,
        int height,
        SampleFrameHandler? onSample,
        CancellationToken cancellationToken)
    {
        var stdout = tool.StandardOutput;
        var frameBytes = Yuv420.FrameBytes(width, height);
        var step = _options.SampleStep;
        var samples = new List<FrameSample>();
        var hashes = new List<FrameHash>();
        var buffer = ArrayPool<byte>.Shared.Rent(frameBytes);
        var luma = new byte[width * height];
        var rgb = onSample is null ? [] : new byte[width * height * 3];
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = stdout.ReadAtLeast(buffer.AsSpan(0, frameBytes), frameBytes, throwOnEndOfStream: false);
                }
                catch (IOException)
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (read < frameBytes || tool.TimedOut)
                    break;

                tool.KillAfter(_options.NoProgressTimeout);
                var index = hashes.Count;
                var time = TimeSpan.FromSeconds(index / _options.AnalysisRate);
                var frame = buffer.AsSpan(0, frameBytes);
                // The luma plane comes first; limited range, so its spread is stretched to compare with FlatDeviation.
                var (hash, flat) = FrameMeasures.HashLuma(frame, width, height, _options.FlatDeviation, Yuv420.LumaScale);
                hashes.Add(new FrameHash(time, hash, flat));
                if (index % step != 0)
                    continue;

                Yuv420.ExpandLuma(frame, width, height, luma);
                samples.Add(new FrameSample(samples.Count, time, FrameMeasures.FromLuma(luma, width, height, _options.DarkPixelThreshold, hash)));
                if (onSample is not null)
                {
                    Yuv420.ToRgb(frame, width, height, rgb);
                    onSample(time, rgb, width, height);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (samples, hashes);
    }

    private AnalysisReport Report(
        VideoInfo video,
        DecodeRun run,
        FilterLog log,
        int sampleWidth,
        int sampleHeight,
        TimeSpan interval,
        List<(StripPosition Position, string Path)> stripFiles)
    {
        var o = _options;
        var checks = new List<CheckResult>();
        var decoded = Min(video.Duration, TimeSpan.FromSeconds(run.Hashes.Count / o.AnalysisRate));
        // Slack for the container's rounding and a last frame that lasts longer than the others.
        var truncated = video.Duration - decoded > TimeSpan.FromSeconds(1.5);
        var complete = run.ExitCode == 0 && !run.Stalled && !truncated && run.Samples.Count > 0;
        if (run.Samples.Count == 0)
        {
            var detail = log.LastError ?? (run.StderrTail.Count > 0 ? run.StderrTail[^1] : "no frame");
            checks.Add(new CheckResult(CheckNames.Probe, false, null, null,
                run.Stalled ? Wording.DecodeStalled(o.NoProgressTimeout) : Wording.DecodeFailed(detail)));
        }
        else if (!complete)
        {
            _logger.DecodeIncomplete(run.ExitCode, decoded, video.Duration, log.LastError ?? string.Empty);
            checks.Add(new CheckResult(CheckNames.Probe, false, decoded, video.Duration,
                run.Stalled ? Wording.DecodeStalled(o.NoProgressTimeout) : Wording.Truncated(decoded, video.Duration)));
        }

        if (run.Samples.Count > 0)
        {
            var dark = log.Dark(decoded, o.DarkMinDuration);
            var bright = log.Bright(decoded, o.BrightMinDuration);
            var exposure = dark.Concat(bright).ToList();
            // A black or white screen is also "frozen"; it is reported once, as dark or over-exposed.
            var frozen = TimeRange.Subtract(log.Frozen(decoded), exposure)
                .Where(r => r.Duration >= o.FreezeMinDuration)
                .ToList();
            var excluded = exposure.Concat(frozen).ToList();

            Add(checks, CheckNames.Dark, dark, r => Wording.Dark(r.From, r.To), Wording.NoDark);
            Add(checks, CheckNames.Overexposed, bright, r => Wording.Bright(r.From, r.To), Wording.NoBright);
            Add(checks, CheckNames.Frozen, frozen, r => Wording.Frozen(r.From, r.To), Wording.NoFrozen);
            Add(checks, CheckNames.Blur, SampleAnalysis.Blurred(run.Samples, interval, excluded, o), r => Wording.Blur(r.From, r.To), Wording.NoBlur);

            var repeats = SampleAnalysis.Repeats(run.Hashes, excluded, o);
            if (repeats.Count == 0)
                checks.Add(new CheckResult(CheckNames.Repeated, true, null, null, Wording.NoRepeat));
            foreach (var m in repeats)
            {
                checks.Add(new CheckResult(CheckNames.Repeated, false, m.Later.From, m.Later.To,
                    Wording.Repeated(m.Later.From, m.Later.To, m.Earlier.From, m.Earlier.To)));
            }

            var splices = SampleAnalysis.Splices(run.Hashes, excluded, o);
            if (splices.Count == 0)
                checks.Add(new CheckResult(CheckNames.Spliced, true, null, null, Wording.NoSplice));
            foreach (var cut in splices)
            {
                checks.Add(new CheckResult(CheckNames.Spliced, false, cut.From, cut.To,
                    Wording.Spliced(cut.From + ((cut.To - cut.From) / 2))));
            }
        }

        var strips = stripFiles.Select(f => Strips(f.Position, f.Path, video)).ToList();
        return new AnalysisReport(video, checks, run.Samples, run.Hashes, sampleWidth, sampleHeight, interval, decoded, complete, log.Errors, strips);
    }

    private WatermarkStrips Strips(StripPosition position, string path, VideoInfo video)
    {
        var (height, top) = PassArguments.Strip(_options.StripShare, video.Height, position);
        long frameBytes = (long)video.Width * height * 3;
        var length = File.Exists(path) ? new FileInfo(path).Length : 0;
        var frames = new List<StripFrame>();
        for (long i = 0; (i + 1) * frameBytes <= length; i++)
            frames.Add(new StripFrame(TimeSpan.FromSeconds(i / _options.StripRate), i * frameBytes));
        return new WatermarkStrips(position, path, video.Width, height, top, frames, _options.KeepStrips);
    }

    private static void Add(List<CheckResult> checks, string name, List<TimeRange> found, Func<TimeRange, string> reason, string passed)
    {
        if (found.Count == 0)
            checks.Add(new CheckResult(name, true, null, null, passed));
        foreach (var r in found)
            checks.Add(new CheckResult(name, false, r.From, r.To, reason(r)));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed record DecodeRun(List<FrameSample> Samples, List<FrameHash> Hashes, int? ExitCode, bool Stalled, IReadOnlyList<string> StderrTail);
}
