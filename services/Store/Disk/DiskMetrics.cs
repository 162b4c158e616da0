using System.Globalization;
using System.Text;

namespace Hall.Store.Disk;

/// <summary>The disk budget's lines of /metrics (Prometheus text format); labels come from <see cref="DiskRefusal"/> only.</summary>
public static class DiskMetrics
{
    public static void Render(StringBuilder text, DiskSnapshot snapshot, DiskWatch watch)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(watch);
        Gauge(text, "hall_disk_available_bytes", "Free space on the data directory's disk", snapshot.AvailableBytes);
        Gauge(text, "hall_disk_reserved_bytes", "Bytes open reservations (uploads being received) may still write", snapshot.ReservedBytes);
        Gauge(text, "hall_disk_floor_bytes", "Free space kept for the store (Disk:StoreFloorMiB)", snapshot.FloorBytes);
        Gauge(text, "hall_disk_headroom_bytes", "What a new reservation may take: available - reserved - floor", snapshot.HeadroomBytes);
        Gauge(text, "hall_disk_reservations", "Open reservations", snapshot.Reservations);
        Gauge(text, "hall_disk_reserve_files", "Reserve files present (2 normally; fewer: the disk was full)", (watch.RunningReserve.IsPresent ? 1 : 0) + (watch.StartReserve.IsPresent ? 1 : 0));
        Gauge(text, "hall_store_writable", "1 when the last write probe of the store succeeded", watch.Store.CanWrite ? 1 : 0);
        text.Append("# HELP hall_disk_refusals_total Writes the disk budget refused, by kind\n# TYPE hall_disk_refusals_total counter\n");
        foreach (var (kind, count) in snapshot.Refusals.OrderBy(r => r.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"hall_disk_refusals_total{{kind=\"{Label(kind)}\"}} {count}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"# HELP hall_disk_reservations_expired_total Reservations released because nobody continued them\n# TYPE hall_disk_reservations_expired_total counter\nhall_disk_reservations_expired_total {snapshot.ExpiredReleased}\n");
    }

    public static string Label(DiskRefusal kind) => kind switch
    {
        DiskRefusal.NoRoom => "no-room",
        DiskRefusal.OwnerCount => "owner-uploads",
        DiskRefusal.OwnerBytes => "owner-bytes",
        _ => "none",
    };

    private static void Gauge(StringBuilder text, string name, string help, double value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n");
}
