using Hall.Contract;
using Hall.FirmwareHost.Box;
using Hall.Store;

namespace Hall.FirmwareHost.Web;

/// <summary>The box's own HTTP endpoints: health and metrics. Pages are mapped by their services.</summary>
public static class BoxEndpoints
{
    public static void MapBoxEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/healthz", (HallDatabase database, Broker.HallBroker broker, HallClock clock, Hall.CounterMonitor.CounterMonitorService monitor) =>
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

            var healthy = storeOk && broker.IsStarted;
            return Results.Json(
                // Counter monitoring is reported but does not make the box unhealthy: queue and calls run without it.
                new { status = healthy ? "ok" : "degraded", store = storeOk, broker = broker.IsStarted, counterMonitor = monitor.Fault ?? "ok", ts = clock.Now() },
                statusCode: healthy ? 200 : 503);
        });

        app.MapGet("/metrics", (BoxMetrics metrics, HallDatabase database, Hall.CounterMonitor.Pipeline.MonitorMetrics cameras, Hall.CounterMonitor.Pipeline.CameraSupervisor supervisor, Hall.CounterMonitor.Pipeline.FaceDetectors detectors) =>
        {
            long outbox;
            using (var connection = database.Open())
            {
                outbox = Outbox.Count(connection);
            }

            var text = new System.Text.StringBuilder(metrics.Render([("hall_outbox_rows", "Events waiting in the outbox for the county hub", outbox)]));
            cameras.Render(text, supervisor.Statuses, detectors.Ready);
            return Results.Text(text.ToString(), "text/plain; version=0.0.4");
        });
    }
}
