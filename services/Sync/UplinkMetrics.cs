using System.Globalization;
using System.Text;

namespace Hall.Sync;

/// <summary>The uplink's lines of /metrics (Prometheus text format).</summary>
public static class UplinkMetrics
{
    public static void Render(StringBuilder text, UplinkSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(snapshot);
        Gauge(text, "hall_sync_link_up", "1 when the county hub acknowledged the last batch", snapshot.State == LinkState.Up ? 1 : 0);
        text.Append("# HELP hall_sync_state The uplink's state (off, starting, up, down, refused)\n# TYPE hall_sync_state gauge\n");
        foreach (var state in Enum.GetValues<LinkState>())
        {
            text.Append(CultureInfo.InvariantCulture, $"hall_sync_state{{state=\"{state.ToString().ToLowerInvariant()}\"}} {(state == snapshot.State ? 1 : 0)}\n");
        }

        Gauge(text, "hall_sync_last_success_timestamp_seconds", "When the hub last acknowledged a batch (Unix time; 0: never)", snapshot.LastSuccessAt?.ToUnixTimeMilliseconds() / 1000.0 ?? 0);
        Gauge(text, "hall_sync_backlog_events", "Outbox events the hub has not acknowledged", snapshot.BacklogEvents);
        Gauge(text, "hall_sync_backlog_bytes", "Payload bytes of the outbox events the hub has not acknowledged", snapshot.BacklogBytes);
        Gauge(text, "hall_sync_acked_seq", "Outbox sequence number up to which the hub has every event", snapshot.AckedSeq);
        Gauge(text, "hall_sync_batch_events", "Events the next batch takes (adapts to the link)", snapshot.BatchEvents);
        Gauge(text, "hall_sync_hub_clock_offset_seconds", "The hub's clock minus the box's, from the last answer", snapshot.HubClockOffset?.TotalSeconds ?? 0);
        text.Append("# HELP hall_sync_batches_total Batches sent, by result\n# TYPE hall_sync_batches_total counter\n");
        text.Append(CultureInfo.InvariantCulture, $"hall_sync_batches_total{{result=\"acknowledged\"}} {snapshot.BatchesAcknowledged}\n");
        text.Append(CultureInfo.InvariantCulture, $"hall_sync_batches_total{{result=\"failed\"}} {snapshot.BatchesFailed}\n");
        Counter(text, "hall_sync_events_acknowledged_total", "Events the hub acknowledged since the box started", snapshot.EventsAcknowledged);
        Counter(text, "hall_sync_bytes_sent_total", "Compressed bytes of batches sent since the box started", snapshot.BytesSent);
        if (snapshot.LastErrorCode is { } code)
        {
            text.Append("# HELP hall_sync_last_error The last error of the uplink, by code (value: Unix time)\n# TYPE hall_sync_last_error gauge\n");
            text.Append(CultureInfo.InvariantCulture, $"hall_sync_last_error{{code=\"{Label(code)}\"}} {snapshot.LastErrorAt?.ToUnixTimeSeconds() ?? 0}\n");
        }
    }

    // The code comes from the hub's answer: only the characters of a code go into a label.
    private static string Label(string value)
    {
        var clean = new string([.. value.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(64)]);
        return clean.Length == 0 ? "unknown" : clean;
    }

    private static void Gauge(StringBuilder text, string name, string help, double value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n");

    private static void Counter(StringBuilder text, string name, string help, double value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}\n");
}
