using Hall.CounterMonitor.Cameras;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.CounterMonitor.Pipeline;

/// <summary>
/// The one inference worker: loads the face models (reporting a clear fault and retrying when they are missing or
/// damaged, while the rest of the box runs on), then takes samples from the <see cref="FrameQueue"/>, counts faces
/// with the camera's model and hands the count to <see cref="CounterMonitorService"/>.
/// </summary>
public sealed class InferenceWorker : BackgroundService
{
    private static readonly TimeSpan RetryLoad = TimeSpan.FromSeconds(30);
    private readonly FrameQueue _queue;
    private readonly FaceDetectors _detectors;
    private readonly CameraSupervisor _cameras;
    private readonly CameraCatalog _catalog;
    private readonly CounterMonitorService _monitor;
    private readonly MonitorMetrics _metrics;
    private readonly IOptionsMonitor<CounterMonitorOptions> _options;
    private readonly TimeProvider _time;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly SampleClock _clock = new();

    public InferenceWorker(
        FrameQueue queue,
        FaceDetectors detectors,
        CameraSupervisor cameras,
        CameraCatalog catalog,
        CounterMonitorService monitor,
        MonitorMetrics metrics,
        IOptionsMonitor<CounterMonitorOptions> options,
        TimeProvider time,
        IHostApplicationLifetime lifetime)
    {
        _lifetime = lifetime;
        _queue = queue;
        _detectors = detectors;
        _cameras = cameras;
        _catalog = catalog;
        _monitor = monitor;
        _metrics = metrics;
        _options = options;
        _time = time;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStarted.WaitAsync(_lifetime, stoppingToken);
        if (!await LoadModelsAsync(stoppingToken))
        {
            return;
        }

        await foreach (var frame in _queue.Channel.Reader.ReadAllAsync(stoppingToken))
        {
            if (!_cameras.TryGetCamera(frame.CameraId, out var camera))
            {
                continue; // removed or changed while its sample waited
            }

            var detector = camera.Role == CameraRole.WaitingArea ? _detectors.Back : _detectors.Front;
            if (frame.Width != detector.InputWidth || frame.Height != detector.InputHeight)
            {
                continue;
            }

            var started = _time.GetTimestamp();
            var faces = detector.Detect(frame.Rgb);
            _metrics.Inferred(camera.Id, _time.GetElapsedTime(started));
            var people = faces.Count(f => f.Score >= _options.CurrentValue.MinFaceScore);
            await _monitor.SampleAsync(camera, _clock.TimeOf(camera, frame), people, new SnapshotFrame(frame.Rgb, frame.Width, frame.Height), stoppingToken);
        }
    }

    /// <summary>Waits for a camera to watch, then loads the models; on failure raises the fault and retries every 30 s.</summary>
    private async Task<bool> LoadModelsAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (_options.CurrentValue.Enabled && _catalog.All.Any(c => c.Enabled))
            {
                if (_detectors.TryLoad(out var error))
                {
                    await _monitor.ClearFaultAsync(stoppingToken);
                    return true;
                }

                await _monitor.FaultAsync(error!, stoppingToken);
                await Task.Delay(RetryLoad, _time, stoppingToken);
            }
            else
            {
                await Task.Delay(_options.CurrentValue.CheckInterval, _time, stoppingToken);
            }
        }

        return false;
    }
}
