using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Hall.FirmwareHost.Box;

/// <summary>Counters for /metrics, rendered in the Prometheus text format.</summary>
public sealed class BoxMetrics
{
    private readonly ConcurrentDictionary<(string Name, string Outcome), long> _requests = new();

    // One slot per kind of refusal: a closed set, so a flood adds to a count, never to the number of series.
    private readonly long[] _refusals = new long[Enum.GetValues<Hall.FirmwareHost.Broker.Refusal>().Length];
    private long _connected;
    private long _retainedBytes;
    private long _connectionsRefused;
    private long _publishRefused;
    private long _subscribeRefused;

    /// <summary>Counts a request under a closed label set: an unknown name is "other" (devices choose names, not us).</summary>
    public void CountRequest(string name, string outcome) =>
        _requests.AddOrUpdate((MetricLabels.RequestName(name), MetricLabels.Outcome(outcome)), 1, (_, n) => n + 1);

    public void Refused(Hall.FirmwareHost.Broker.Refusal kind) => Interlocked.Increment(ref _refusals[(int)kind]);

    /// <summary>What the broker's retained store holds now: an oversized publish must never show up here.</summary>
    public void RetainedStored(long bytes) => Interlocked.Exchange(ref _retainedBytes, bytes);

    public void ClientConnected() => Interlocked.Increment(ref _connected);

    public void ClientDisconnected() => Interlocked.Decrement(ref _connected);

    public void ConnectionRefused() => Interlocked.Increment(ref _connectionsRefused);

    public void PublishRefused() => Interlocked.Increment(ref _publishRefused);

    public void SubscribeRefused() => Interlocked.Increment(ref _subscribeRefused);

    public string Render(IEnumerable<(string Name, string Help, double Value)> gauges)
    {
        ArgumentNullException.ThrowIfNull(gauges);
        var text = new StringBuilder();
        Append(text, "hall_mqtt_clients_connected", "gauge", "MQTT clients connected now", Interlocked.Read(ref _connected));
        Append(text, "hall_mqtt_connections_refused_total", "counter", "Connections refused (anonymous, unknown, revoked)", Interlocked.Read(ref _connectionsRefused));
        Append(text, "hall_mqtt_publish_refused_total", "counter", "Publishes refused by the access policy", Interlocked.Read(ref _publishRefused));
        Append(text, "hall_mqtt_subscribe_refused_total", "counter", "Subscriptions refused by the access policy", Interlocked.Read(ref _subscribeRefused));
        text.Append("# HELP hall_requests_total Device requests answered, by name and outcome (ok or error code)\n# TYPE hall_requests_total counter\n");
        foreach (var ((name, outcome), count) in _requests.OrderBy(r => r.Key.Name, StringComparer.Ordinal).ThenBy(r => r.Key.Outcome, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"hall_requests_total{{name=\"{MetricLabels.Escape(name)}\",outcome=\"{MetricLabels.Escape(outcome)}\"}} {count}\n");
        }

        Append(text, "hall_mqtt_retained_bytes", "gauge", "Payload bytes the broker keeps as retained messages", Interlocked.Read(ref _retainedBytes));
        text.Append("# HELP hall_mqtt_refused_total MQTT refusals by kind (connect, client-id, publish, subscribe, oversized, bad-request)\n# TYPE hall_mqtt_refused_total counter\n");
        foreach (var kind in Enum.GetValues<Hall.FirmwareHost.Broker.Refusal>())
        {
            text.Append(CultureInfo.InvariantCulture, $"hall_mqtt_refused_total{{kind=\"{MetricLabels.Kind(kind)}\"}} {Interlocked.Read(ref _refusals[(int)kind])}\n");
        }

        foreach (var (name, help, value) in gauges)
        {
            Append(text, name, "gauge", help, value);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, string type, string help, double value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n{name} {value}\n");
}
