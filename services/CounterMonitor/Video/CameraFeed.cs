using System.Threading.Channels;
using Hall.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hall.CounterMonitor.Video;

/// <summary>
/// Runs one camera: ffmpeg as a child process decoding the source into fixed-size RGB24 frames on its
/// stdout, supervised the way Frigate's camera watchdog does it. With no frame for
/// <see cref="CameraFeedOptions.NoFrameTimeout"/>, or when ffmpeg exits, the process tree is killed, the
/// camera is reported offline (once per outage) and ffmpeg is started again after an exponential backoff with jitter.
/// ffmpeg runs through the box's one <see cref="MediaProcess"/>; a source with a password reaches it on stdin, never
/// on its command line (<see cref="FfmpegArguments.Command"/>).
/// A camera fault never ends <see cref="RunAsync"/>; only cancellation, disposal, or the clean end of a
/// non-looping file does.
/// </summary>
public sealed class CameraFeed : IAsyncDisposable, IDisposable
{
    private const int StderrLines = 8;

    /// <summary>Each restart wait moves by up to ±20 %, so cameras that failed together do not restart together.</summary>
    private const double RestartJitter = 0.2;

    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    private readonly CameraFeedOptions _options;
    private readonly ChannelWriter<VideoFrame> _frames;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MediaCommand _command;
    private readonly bool _live;
    private readonly ExponentialBackoff _backoff;
    private readonly CancellationTokenSource _disposing = new();
    private readonly Lock _processLock = new();
    private MediaProcess? _process;
    private Task? _run;
    private int _started;
    private volatile bool _disposed;
    private volatile CameraHealth? _health;
    private long _framesReceived;
    private long _framesDropped;
    private long _lastFrameTicks;
    private long _backoffTicks;
    private int _restarts;
    private int _generation;

    /// <summary>Creates the feed; nothing starts until <see cref="RunAsync"/>.</summary>
    /// <param name="options">The camera; checked here, so a bad setting fails at start-up.</param>
    /// <param name="frames">
    /// Where frames go, with <c>TryWrite</c> (the reader never waits on a slow consumer). Meant to be a
    /// bounded DropOldest channel, possibly shared by all cameras; the feed never completes it.
    /// </param>
    /// <param name="timeProvider">Clock for ReceivedAt, the no-frame watchdog and the backoff.</param>
    /// <param name="logger">Optional.</param>
    /// <param name="random">Uniform in [0, 1) for the restart jitter; tests pass a fixed sequence.</param>
    /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
    public CameraFeed(
        CameraFeedOptions options,
        ChannelWriter<VideoFrame> frames,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(frames);
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors), nameof(options));

        _options = options;
        _frames = frames;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _command = FfmpegArguments.Command(options) with { StderrLines = StderrLines };
        _live = FfmpegArguments.IsLive(options.Source);
        _backoff = new ExponentialBackoff(options.MinBackoff, options.MaxBackoff, RestartJitter, random ?? Random.Shared.NextDouble);
    }

    /// <summary>Raised on the feed's own task when the camera goes online or offline; keep handlers short.</summary>
    public event EventHandler<CameraHealth>? HealthChanged;

    /// <summary>The camera this feed runs.</summary>
    public string CameraId => _options.CameraId;

    /// <summary>The options this feed was created with.</summary>
    public CameraFeedOptions Options => _options;

    /// <summary>The last reported health; null until the first frame or the first failure.</summary>
    public CameraHealth? Health => _health;

    /// <summary>Frames read from ffmpeg since the feed was created.</summary>
    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    /// <summary>Frames the writer refused (full with a Wait or DropWrite channel, or completed).</summary>
    public long FramesDropped => Interlocked.Read(ref _framesDropped);

    /// <summary>How many times ffmpeg was started again after a failed run.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>How many times ffmpeg has been started (the Generation of the latest frames).</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>The running ffmpeg's process id (for its CPU time in /proc); null between runs.</summary>
    public int? ProcessId
    {
        get
        {
            lock (_processLock)
                return _process?.Id;
        }
    }

    /// <summary>The wait before the latest restart; zero before any. Grows while the camera stays down.</summary>
    public TimeSpan CurrentBackoff => TimeSpan.FromTicks(Interlocked.Read(ref _backoffTicks));

    /// <summary>When the last frame was read; null before the first.</summary>
    public DateTimeOffset? LastFrameAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastFrameTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Runs and supervises ffmpeg until cancelled (throws <see cref="OperationCanceledException"/>), until
    /// the feed is disposed (returns), or, for a file without Loop, until ffmpeg reaches its end cleanly
    /// (returns). No ffmpeg process of this feed is left when the task completes. May be called once.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _started, 1) == 1)
            throw new InvalidOperationException($"Camera {CameraId}: the feed is already running.");
        var run = SuperviseAsync(cancellationToken);
        _run = run;
        return run;
    }

    /// <summary>Stops the feed and kills ffmpeg at once, without waiting for <see cref="RunAsync"/> to finish.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _disposing.Cancel();
        lock (_processLock)
        {
            _process?.Kill();
        }
    }

    /// <summary>Stops the feed and waits until <see cref="RunAsync"/> has finished and ffmpeg is gone.</summary>
    public async ValueTask DisposeAsync()
    {
        Dispose();
        if (_run is { } run)
        {
            try
            {
                await run;
            }
            catch (OperationCanceledException)
            {
                // The caller's token ended it; that is not a failure of disposal.
            }
        }
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        // Run on the thread pool: the caller's thread returns at once, whatever ffmpeg does.
        await Task.Yield();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        var token = stop.Token;
        try
        {
            while (true)
            {
                var end = await RunOnceAsync(token);
                if (end.EndOfInput)
                {
                    _logger.EndOfInput(CameraId, FramesReceived);
                    return;
                }

                ReportOffline(end.Reason, end.Since);
                var delay = _backoff.Next();
                Interlocked.Exchange(ref _backoffTicks, delay.Ticks);
                _logger.Restarting(CameraId, Generation, end.Reason, delay);
                await Task.Delay(delay, _time, token);
                Interlocked.Increment(ref _restarts);
            }
        }
        catch (OperationCanceledException) when (_disposed && !cancellationToken.IsCancellationRequested)
        {
            // Disposed: the feed has ended, it did not fail.
        }
    }

    /// <summary>One ffmpeg run, from start to the end of its stdout. Throws only when cancelled.</summary>
    private async Task<RunEnd> RunOnceAsync(CancellationToken token)
    {
        var generation = Interlocked.Increment(ref _generation);
        MediaProcess process;
        try
        {
            process = Start(token);
        }
        catch (MediaStartException ex)
        {
            return new RunEnd(false, OutageReason.StartFailed(_options.FfmpegPath, ex.InnerException?.Message ?? ex.Message), _time.GetUtcNow());
        }

        if (_logger.IsEnabled(LogLevel.Debug))
            _logger.Started(CameraId, generation, process.Id, OutageReason.Redact(string.Join(' ', _command.Arguments)));

        // The no-frame watchdog kills the tree, which ends the read below; so does the token.
        process.KillAfter(_options.NoFrameTimeout);
        var frameBytes = _options.FrameBytes;
        var stdout = process.StandardOutput;
        DateTimeOffset? lastFrame = null;
        string? readError = null;
        int? exitCode = null;
        long index = 0;
        try
        {
            while (true)
            {
                // The frame owns this buffer; it is the only allocation per frame besides the record.
                var buffer = new byte[frameBytes];
                int read;
                try
                {
                    read = await stdout.ReadAtLeastAsync(buffer, frameBytes, throwOnEndOfStream: false, token);
                }
                catch (IOException ex)
                {
                    readError = ex.Message;
                    break;
                }

                if (read < frameBytes || process.Killed)
                {
                    if (!token.IsCancellationRequested)
                        exitCode = await process.WaitForExitAsync(ExitWait, token);
                    break;
                }

                process.KillAfter(_options.NoFrameTimeout);
                var now = _time.GetUtcNow();
                lastFrame = now;
                Interlocked.Exchange(ref _lastFrameTicks, now.UtcTicks);
                Interlocked.Increment(ref _framesReceived);
                var frame = new VideoFrame(CameraId, index, generation, StreamTime(index), now, _options.Width, _options.Height, buffer);
                if (!_frames.TryWrite(frame))
                    Interlocked.Increment(ref _framesDropped);
                if (index == 0)
                {
                    _backoff.Reset();
                    ReportOnline(now, generation);
                }

                index++;
            }
        }
        finally
        {
            await StopAsync(process);
        }

        token.ThrowIfCancellationRequested();
        var since = lastFrame ?? _time.GetUtcNow();
        if (process.TimedOut)
            return new RunEnd(false, OutageReason.NoFrameFor(_options.NoFrameTimeout), since);
        if (!_live && !_options.Loop && exitCode == 0)
            return new RunEnd(true, string.Empty, since);
        var tail = process.StderrTail();
        var reason = tail.Count == 0 && readError is not null
            ? $"{OutageReason.FfmpegError}: {readError}"
            : OutageReason.FromExit(exitCode, tail);
        return new RunEnd(false, reason, since);
    }

    private MediaProcess Start(CancellationToken token)
    {
        // Under the lock so that Dispose either sees this process and kills it, or it is never started.
        lock (_processLock)
        {
            var process = MediaProcess.Start(_command, _time, token);
            _process = process;
            return process;
        }
    }

    private async Task StopAsync(MediaProcess process)
    {
        lock (_processLock)
        {
            if (ReferenceEquals(_process, process))
                _process = null;
        }

        // Also waits for stderr to close, so the tail is complete.
        if (!await process.StopAsync())
            _logger.KillTimedOut(CameraId, process.Id);
        process.Dispose();
    }

    private TimeSpan StreamTime(long index) =>
        TimeSpan.FromTicks((long)Math.Round(index * TimeSpan.TicksPerSecond / _options.SampleRate));

    private void ReportOnline(DateTimeOffset since, int generation)
    {
        if (_health is { Online: true })
            return;
        var health = new CameraHealth(CameraId, true, null, since);
        _health = health;
        _logger.Online(CameraId, generation);
        HealthChanged?.Invoke(this, health);
    }

    private void ReportOffline(string reason, DateTimeOffset since)
    {
        if (_health is { Online: false })
            return;
        var health = new CameraHealth(CameraId, false, reason, since);
        _health = health;
        _logger.Offline(CameraId, reason);
        HealthChanged?.Invoke(this, health);
    }

    private readonly record struct RunEnd(bool EndOfInput, string Reason, DateTimeOffset Since);
}
