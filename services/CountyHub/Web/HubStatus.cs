using System.Data.Common;
using System.Globalization;
using System.Text;
using Hall.CountyHub.Ingest;
using Hall.CountyHub.Storage;

namespace Hall.CountyHub.Web;

/// <summary>What /healthz and /metrics show, read from the boxes' rows and the ingest's counters.</summary>
public sealed class HubStatus
{
    private readonly HubDatabase _database;
    private readonly IngestCounters _counters;
    private readonly TimeProvider _time;

    public HubStatus(HubDatabase database, IngestCounters counters, TimeProvider time)
    {
        _database = database;
        _counters = counters;
        _time = time;
    }

    public async Task<HealthReport> HealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            return new HealthReport(true, _database.Dialect.Name, await BoxesAsync(cancellationToken));
        }
        catch (DbException ex)
        {
            return new HealthReport(false, _database.Dialect.Name, [], ex.Message);
        }
    }

    public async Task<string> MetricsAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.AppendLine("# HELP hub_batches_total Uplink batches answered, by result (ok or the refusal's code).");
        text.AppendLine("# TYPE hub_batches_total counter");
        foreach (var (result, count) in _counters.Batches.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"hub_batches_total{{result=\"{Escape(result)}\"}} {count}\n");
        }

        Counter(text, "hub_events_stored_total", "Events stored.", _counters.Stored);
        Counter(text, "hub_events_duplicate_total", "Events received again that the hub already had.", _counters.Duplicates);
        Counter(text, "hub_events_lost_total", "Events a box no longer held when the hub lacked them (skipTo).", _counters.Lost);

        IReadOnlyList<BoxHealth> boxes;
        try
        {
            boxes = await BoxesAsync(cancellationToken);
        }
        catch (DbException)
        {
            text.AppendLine("hub_database_up 0");
            return text.ToString();
        }

        text.AppendLine("hub_database_up 1");
        text.AppendLine("# HELP hub_box_mark The hub's high-water mark of each box's latest epoch.");
        text.AppendLine("# TYPE hub_box_mark gauge");
        foreach (var box in boxes.Where(b => b.Mark is not null))
        {
            text.Append(CultureInfo.InvariantCulture, $"hub_box_mark{{box=\"{Escape(box.BoxId)}\",epoch=\"{Escape(box.Epoch ?? string.Empty)}\"}} {box.Mark}\n");
        }

        BoxGauge(text, boxes, "hub_box_last_contact_seconds", "Seconds since each box's last accepted batch.", b => b.LastContactAgeSeconds);
        BoxGauge(text, boxes, "hub_box_skew_seconds", "Hub receive time minus the box's clock, at its last batch.", b => b.SkewMs / 1000.0);
        BoxGauge(text, boxes, "hub_box_backlog_events", "Events each box said it still held after its last batch.", b => b.Backlog);
        BoxGauge(text, boxes, "hub_box_lag_seconds", "Age of each box's newest event when its last batch arrived.", b => b.LagMs / 1000.0);
        return text.ToString();
    }

    /// <summary>A Prometheus label value: backslash, double quote and line feed escaped.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    /// <summary>One gauge with a sample per box that has a value.</summary>
    private static void BoxGauge(StringBuilder text, IReadOnlyList<BoxHealth> boxes, string name, string help, Func<BoxHealth, double?> value)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n");
        foreach (var box in boxes)
        {
            if (value(box) is { } v)
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}{{box=\"{Escape(box.BoxId)}\"}} {v:0.###}\n");
            }
        }
    }

    private static void Counter(StringBuilder text, string name, string help, long value)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}\n");
    }

    private async Task<IReadOnlyList<BoxHealth>> BoxesAsync(CancellationToken cancellationToken)
    {
        var d = _database.Dialect;
        var now = _time.GetUtcNow();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT b.box_id, b.hall_name, b.revoked_at, b.current_epoch, e.mark, b.last_contact_at, b.last_batch_at, b.last_skew_ms, b.backlog, b.lag_ms
            FROM boxes b LEFT JOIN box_epochs e ON e.box_id = b.box_id AND e.epoch = b.current_epoch ORDER BY b.box_id
            """;
        var boxes = new List<BoxHealth>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            var contact = d.ReadTimeOrNull(r, 5);
            boxes.Add(new BoxHealth(
                r.GetString(0),
                r.IsDBNull(1) ? null : r.GetString(1),
                !r.IsDBNull(2),
                r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : Convert.ToInt64(r.GetValue(4), CultureInfo.InvariantCulture),
                contact,
                contact is { } c ? Math.Max(0, (now - c).TotalSeconds) : null,
                d.ReadTimeOrNull(r, 6),
                r.IsDBNull(7) ? null : Convert.ToInt64(r.GetValue(7), CultureInfo.InvariantCulture),
                r.IsDBNull(8) ? null : Convert.ToInt64(r.GetValue(8), CultureInfo.InvariantCulture),
                r.IsDBNull(9) ? null : Convert.ToInt64(r.GetValue(9), CultureInfo.InvariantCulture)));
        }

        return boxes;
    }
}
