using Hall.FirmwareHost.Access;
using Hall.Contract;
using Hall.FirmwareHost.Box;
using Hall.Store;
using Hall.Store.Disk;
using Hall.Store.Retention;
using Hall.Store.Writer;

namespace Hall.FirmwareHost.Web;

/// <summary>The box's own HTTP endpoints: health and metrics. Pages are mapped by their services.</summary>
public static class BoxEndpoints
{
    public static void MapBoxEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/healthz", (HallDatabase database, Broker.HallBroker broker, HallClock clock, Hall.CounterMonitor.CounterMonitorService monitor, EventDispatcher dispatcher, CommandWriter writer, Hall.Sync.UplinkStatus uplinkStatus, DiskWatch disk, DiskBudget budget) =>
        {
            var storeOk = true;
            try
            {
                using var connection = database.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                command.ExecuteScalar();
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                storeOk = false;
            }

            // A store that reads but cannot write (a full disk) is not ok: the last write probe says why, for people and machines.
            var written = disk.Store;
            var storeError = !storeOk
                ? new ErrorBody(ErrorCodes.StoreCannotWrite, "盒子的数据库无法打开,请技术人员查看盒子日志。")
                : written.CanWrite ? null : new ErrorBody(written.Code!, written.Message!);
            storeOk = storeOk && written.CanWrite;
            var healthy = storeOk && broker.IsStarted && writer.Fault is null;

            // A listener behind (the board, the reports) is reported but does not make the box unhealthy: replies go on.
            var listeners = dispatcher.Listeners.ToDictionary(l => l.Name, l => l.IsBehind ? $"behind: {l.Backlog} waiting, {l.DeadLetters} dead-lettered" : "ok", StringComparer.Ordinal);
            return Results.Json(
                // Counter monitoring is reported but does not make the box unhealthy: queue and calls run without it.
                new { status = healthy ? "ok" : "degraded", store = storeOk, storeError, disk = DiskHealth(budget.Snapshot(), disk), writer = writer.Fault is null ? "ok" : "stopped", broker = broker.IsStarted, counterMonitor = monitor.Fault ?? "ok", listeners, uplink = UplinkHealth(uplinkStatus.Snapshot), ts = clock.Now() },
                statusCode: healthy ? 200 : 503);
        }).AllowStrangers();

        app.MapGet("/metrics", (DiskBudget budget, DiskWatch disk, BoxMetrics metrics, HallDatabase database, EventDispatcher dispatcher, CommandWriter writer, StoreRetention retention, Hall.CounterMonitor.Pipeline.MonitorMetrics cameras, Hall.CounterMonitor.Pipeline.CameraSupervisor supervisor, Hall.CounterMonitor.Pipeline.FaceDetectors detectors, Hall.Sync.UplinkStatus uplink, Hall.Staff.StaffDirectory staff) =>
        {
            long outbox;
            using (var connection = database.Open())
            {
                outbox = Outbox.Count(connection);
            }

            var text = new System.Text.StringBuilder(metrics.Render(
            [
                ("hall_outbox_rows", "Events waiting in the outbox for the county hub", outbox),
                ("hall_outbox_bytes", "Bytes of outbox payload at the last retention pass", retention.Last?.OutboxBytes ?? 0),
                ("hall_writer_waiting", "Commands waiting for the command writer", writer.Waiting),
                ("hall_writer_commits_total", "Write groups committed (one disk sync each)", writer.Commits),
                ("hall_writer_commands_total", "Commands committed", writer.CommandsCommitted),
            ]));
            dispatcher.RenderMetrics(text);
            cameras.Render(text, supervisor.Statuses, detectors.Ready);
            Hall.Sync.UplinkMetrics.Render(text, uplink.Snapshot);
            DiskMetrics.Render(text, budget.Snapshot(), disk);
            staff.Refusals.Render(text);
            return Results.Text(text.ToString(), "text/plain; version=0.0.4");
        }).AllowStrangers();
    }

    private static object DiskHealth(DiskSnapshot s, DiskWatch watch) => new
    {
        availableBytes = s.AvailableBytes,
        reservedBytes = s.ReservedBytes,
        floorBytes = s.FloorBytes,
        headroomBytes = s.HeadroomBytes,
        reservations = s.Reservations,
        reserveFiles = (watch.RunningReserve.IsPresent ? 1 : 0) + (watch.StartReserve.IsPresent ? 1 : 0),
    };

    // The uplink is reported but does not make the box unhealthy: the hall works for days without its hub.
    private static object UplinkHealth(Hall.Sync.UplinkSnapshot s) => new
    {
        state = s.State.ToString().ToLowerInvariant(),
        lastSuccessAt = s.LastSuccessAt,
        backlogEvents = s.BacklogEvents,
        backlogBytes = s.BacklogBytes,
        lastError = s.LastErrorCode,
    };
}
