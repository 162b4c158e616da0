using System.Collections.Concurrent;
using System.Threading.Channels;
using Hall.CounterMonitor.Cameras;
using Hall.CounterMonitor.Video;
using Hall.Vision;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.CounterMonitor.Pipeline;

/// <summary>
/// Runs one supervised ffmpeg (<see cref="CameraFeed"/>) per enabled camera, all writing into the one
/// <see cref="FrameQueue"/>; applies camera changes (admin page, settings reload) without a restart by stopping
/// removed or changed feeds and starting new ones. Camera health goes to <see cref="CounterMonitorService"/> in order.
/// Cameras start only once the face models are loaded.
/// </summary>
public sealed class CameraSupervisor : BackgroundService
{
    private readonly CameraCatalog _catalog;
    private readonly FrameQueue _queue;
    private readonly FaceDetectors _detectors;
    private readonly CounterMonitorService _monitor;
    private readonly IOptionsMonitor<CounterMonitorOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<CameraSupervisor> _logger;
    private readonly ConcurrentDictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly Channel<(CameraDefinition Camera, CameraHealth Health)> _health = Channel.CreateUnbounded<(CameraDefinition, CameraHealth)>();
    private readonly SemaphoreSlim _changed = new(0);

    public CameraSupervisor(
        CameraCatalog catalog,
        FrameQueue queue,
        FaceDetectors detectors,
        CounterMonitorService monitor,
        IOptionsMonitor<CounterMonitorOptions> options,
        TimeProvider time,
        ILoggerFactory loggers,
        IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(loggers);
        _catalog = catalog;
        _queue = queue;
        _detectors = detectors;
        _monitor = monitor;
        _options = options;
        _time = time;
        _loggers = loggers;
        _lifetime = lifetime;
        _logger = loggers.CreateLogger<CameraSupervisor>();
        _catalog.Changed += (_, _) => _changed.Release();
    }

    /// <summary>The running cameras now, for the admin page and /metrics.</summary>
    public IReadOnlyList<CameraStatus> Statuses => _running.Values
        .OrderBy(r => r.Camera.Id, StringComparer.Ordinal)
        .Select(r => new CameraStatus(
            r.Camera.Id,
            r.Camera.Role == CameraRole.WaitingArea ? "waiting-area" : "counter",
            r.Camera.Counter,
            r.Camera.SafeSource,
            r.Feed.Health?.Online ?? false,
            r.Feed.Health is { Online: false } h ? h.Reason : null,
            r.Feed.FramesReceived,
            r.Feed.FramesDropped + _queue.DroppedOf(r.Camera.Id),
            r.Feed.Restarts))
        .ToList();

    /// <summary>The camera a frame came from, while it is still running as that definition.</summary>
    public bool TryGetCamera(string cameraId, out CameraDefinition camera)
    {
        if (_running.TryGetValue(cameraId, out var running))
        {
            camera = running.Camera;
            return true;
        }

        camera = null!;
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStarted.WaitAsync(_lifetime, stoppingToken);
        _catalog.Load();
        await _monitor.ConfigureAsync(_catalog.All, stoppingToken);
        var healthLoop = ForwardHealthAsync(stoppingToken);
        try
        {
            // One pending wait for a change at a time: an abandoned WaitAsync would swallow the next change.
            Task? changed = null;
            while (!stoppingToken.IsCancellationRequested)
            {
                var cameras = _catalog.All;
                await _monitor.ConfigureAsync(cameras, stoppingToken);

                // Until the models load (or forever, when they are missing) cameras wait; changes still reach the rules.
                var ready = _detectors.WhenReady.IsCompleted;
                if (ready)
                {
                    await ReconcileAsync(cameras);
                }

                changed ??= _changed.WaitAsync(stoppingToken);
                await (ready ? changed : Task.WhenAny(changed, _detectors.WhenReady)).WaitAsync(stoppingToken);
                if (changed.IsCompleted)
                {
                    await changed;
                    changed = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var id in _running.Keys.ToList())
            {
                await StopAsync(id);
            }

            _health.Writer.TryComplete();
            await healthLoop;
        }
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    private async Task ReconcileAsync(IReadOnlyList<CameraDefinition> cameras)
    {
        var wanted = _options.CurrentValue.Enabled
            ? cameras.Where(c => c.Enabled).ToDictionary(c => c.Id, StringComparer.Ordinal)
            : [];
        foreach (var (id, running) in _running.ToList())
        {
            if (!wanted.TryGetValue(id, out var camera) || camera != running.Camera)
            {
                await StopAsync(id);
            }
        }

        foreach (var camera in wanted.Values.Where(c => !_running.ContainsKey(c.Id)))
        {
            Start(camera);
        }
    }

    private void Start(CameraDefinition camera)
    {
        var options = _options.CurrentValue;
        var size = camera.Role == CameraRole.WaitingArea ? BlazeFaceModel.Back.InputSize : BlazeFaceModel.Front.InputSize;
        var feed = new CameraFeed(
            new CameraFeedOptions
            {
                CameraId = camera.Id,
                Source = camera.Source,
                Width = size,
                Height = size,
                SampleRate = camera.SampleRate,
                // A file camera is a replay: played at its own pace, over and over, like a live camera.
                Pace = FramePace.Realtime,
                Loop = camera.IsFile,
                NoFrameTimeout = options.NoFrameTimeout,
                MinBackoff = options.RestartBackoffMin,
                MaxBackoff = options.RestartBackoffMax,
            },
            _queue.Channel.Writer,
            _time,
            _loggers.CreateLogger<CameraFeed>());
        feed.HealthChanged += (_, health) => _health.Writer.TryWrite((camera, health));
        var stop = new CancellationTokenSource();
        _running[camera.Id] = new Running(camera, feed, stop, feed.RunAsync(stop.Token));
        Log.CameraStarted(_logger, camera.Id, camera.Role.ToString(), camera.SafeSource, camera.SampleRate);
    }

    private async Task StopAsync(string id)
    {
        if (!_running.TryRemove(id, out var running))
        {
            return;
        }

        await running.Stop.CancelAsync();
        try
        {
            await running.Run;
        }
        catch (OperationCanceledException)
        {
        }

        await running.Feed.DisposeAsync();
        running.Stop.Dispose();
        Log.CameraStopped(_logger, id);
    }

    private async Task ForwardHealthAsync(CancellationToken stoppingToken)
    {
        await foreach (var (camera, health) in _health.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (stoppingToken.IsCancellationRequested)
            {
                continue;
            }

            if (health.Online)
            {
                Log.CameraOnline(_logger, camera.Id);
            }
            else
            {
                Log.CameraOffline(_logger, camera.Id, health.Reason ?? "unknown");
            }

            try
            {
                await _monitor.CameraHealthAsync(camera, health.Online, health.Reason ?? "无画面", stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // The box is stopping; the remaining reports are of no use.
            }
        }
    }

    private sealed record Running(CameraDefinition Camera, CameraFeed Feed, CancellationTokenSource Stop, Task Run);
}
