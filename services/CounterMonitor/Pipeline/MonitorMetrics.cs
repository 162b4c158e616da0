using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Hall.CounterMonitor.Pipeline;

/// <summary>Per-camera figures for /metrics: samples per second, inference time, drops, restarts, online.</summary>
public sealed class MonitorMetrics
{
    private static readonly TimeSpan FpsWindow = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, CameraFigures> _cameras = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public MonitorMetrics(TimeProvider time) => _time = time;

    public void Inferred(string cameraId, TimeSpan inference)
    {
        var figures = _cameras.GetOrAdd(cameraId, _ => new CameraFigures());
        lock (figures)
        {
            figures.Inferences++;
            figures.InferenceSeconds += inference.TotalSeconds;
            figures.LastInferenceSeconds = inference.TotalSeconds;
            var now = _time.GetUtcNow();
            figures.Recent.Enqueue(now);
            while (figures.Recent.Count > 0 && now - figures.Recent.Peek() > FpsWindow)
            {
                figures.Recent.Dequeue();
            }
        }
    }

    public void Forget(string cameraId) => _cameras.TryRemove(cameraId, out _);

    /// <summary>Appends the camera figures in the Prometheus text format.</summary>
    public void Render(StringBuilder text, IReadOnlyList<CameraStatus> cameras, bool modelsReady)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(cameras);
        var now = _time.GetUtcNow();
        text.Append(CultureInfo.InvariantCulture, $"# HELP hall_counter_monitor_models_ready Face models loaded (1) or not (0)\n# TYPE hall_counter_monitor_models_ready gauge\nhall_counter_monitor_models_ready {(modelsReady ? 1 : 0)}\n");
        Family(text, "hall_camera_online", "gauge", "Camera delivering frames (1) or not (0)", cameras, c => c.Online ? 1 : 0);
        Family(text, "hall_camera_fps", "gauge", "Samples inferred per second over the last 10 s", cameras, c => Figures(c.Id) is { } f ? Locked(f, () => f.Recent.Count(t => now - t <= FpsWindow) / FpsWindow.TotalSeconds) : 0);
        Family(text, "hall_camera_frames_total", "counter", "Samples read from the camera's ffmpeg", cameras, c => c.Frames);
        Family(text, "hall_camera_dropped_total", "counter", "Samples dropped because inference was behind", cameras, c => c.Dropped);
        Family(text, "hall_camera_restarts_total", "counter", "Times the camera's ffmpeg was restarted", cameras, c => c.Restarts);
        Family(text, "hall_camera_inference_seconds_total", "counter", "Time spent in face detection for the camera", cameras, c => Figures(c.Id) is { } f ? Locked(f, () => f.InferenceSeconds) : 0);
        Family(text, "hall_camera_inference_last_seconds", "gauge", "Duration of the camera's last face detection", cameras, c => Figures(c.Id) is { } f ? Locked(f, () => f.LastInferenceSeconds) : 0);
        Family(text, "hall_camera_inferences_total", "counter", "Face detections run for the camera", cameras, c => Figures(c.Id) is { } f ? Locked(f, () => (double)f.Inferences) : 0);
    }

    private CameraFigures? Figures(string id) => _cameras.TryGetValue(id, out var f) ? f : null;

    private static double Locked(CameraFigures figures, Func<double> read)
    {
        lock (figures)
        {
            return read();
        }
    }

    private static void Family(StringBuilder text, string name, string type, string help, IReadOnlyList<CameraStatus> cameras, Func<CameraStatus, double> value)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
        foreach (var camera in cameras)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}{{camera=\"{camera.Id}\"}} {value(camera)}\n");
        }
    }

    private sealed class CameraFigures
    {
        public long Inferences { get; set; }

        public double InferenceSeconds { get; set; }

        public double LastInferenceSeconds { get; set; }

        public Queue<DateTimeOffset> Recent { get; } = new();
    }
}
