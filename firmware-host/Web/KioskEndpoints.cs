using Hall.FirmwareHost.Access;
using System.Buffers;
using Hall.Contract;
using Hall.FirmwareHost.Broker;
using Hall.Queue;

namespace Hall.FirmwareHost.Web;

/// <summary>
/// What the touch kiosk page calls. A ticket from the page goes through the same router and queue code as a ticket from
/// an MQTT kiosk, as the enrolled web kiosk whose cookie the browser holds (its own id, and its village point if any).
/// </summary>
public static class KioskEndpoints
{
    public static void MapKioskEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/categories", (QueueService queue) =>
            Results.Json(
                queue.GetSnapshot().Categories.Where(c => c.Active).OrderBy(c => c.Order)
                    .Select(c => new { prefix = c.Prefix, name = c.Name, waiting = c.Waiting }),
                HallJson.Options)).AllowStrangers();

        // Public: the counters' staff names stay (the board shows them), their staff ids do not (they are sign-in names).
        app.MapGet("/api/queue", (QueueService queue) =>
        {
            var snapshot = queue.GetSnapshot();
            return Results.Json(snapshot with { Counters = [.. snapshot.Counters.Select(c => c with { StaffId = null })] }, HallJson.Options);
        }).AllowStrangers();

        app.MapPost("/api/kiosk/ticket", async (HttpRequest request, WebDevice kiosk, RequestRouter router, CancellationToken ct) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            var reply = await router.RouteAsync(kiosk.Identity, Topics.Requests.Ticket, new ReadOnlySequence<byte>(body.ToArray()), ct);
            var status = reply is ErrorReply error
                ? error.Error.Code == ErrorCodes.StoreUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest
                : StatusCodes.Status200OK;
            return Results.Json(reply, HallJson.Options, statusCode: status);
        }).RequireDevice(DeviceRole.Kiosk);
    }
}
