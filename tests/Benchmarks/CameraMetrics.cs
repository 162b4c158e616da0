using System.Globalization;

namespace Hall.Benchmarks;

/// <summary>The per-camera families of the box's /metrics (Prometheus text), at one moment.</summary>
internal sealed class CameraMetrics
{
    private readonly Dictionary<(string Name, string Camera), double> _values = [];

    public bool ModelsReady { get; private set; }

    public IReadOnlyCollection<string> Cameras => _values.Keys.Select(k => k.Camera).Distinct(StringComparer.Ordinal).ToList();

    public static CameraMetrics Parse(string text)
    {
        var metrics = new CameraMetrics();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            if (space < 0 || !double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var key = line[..space];
            if (key == "hall_counter_monitor_models_ready")
            {
                metrics.ModelsReady = value > 0;
                continue;
            }

            const string Label = "{camera=\"";
            var open = key.IndexOf(Label, StringComparison.Ordinal);
            if (!key.StartsWith("hall_camera_", StringComparison.Ordinal) || open < 0)
            {
                continue;
            }

            var camera = key[(open + Label.Length)..].TrimEnd('}').TrimEnd('"');
            metrics._values[(key[..open], camera)] = value;
        }

        return metrics;
    }

    public static async Task<CameraMetrics> ReadAsync(HttpClient http, int httpPort, CancellationToken cancellationToken) =>
        Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{httpPort}/metrics"), cancellationToken));

    public double Of(string name, string camera) => _values.TryGetValue((name, camera), out var v) ? v : 0;

    public double Sum(string name) => _values.Where(v => v.Key.Name == name).Sum(v => v.Value);
}
