using Hall.Contract;
using Hall.CounterMonitor;
using Hall.CounterMonitor.Cameras;
using Hall.CounterMonitor.Pipeline;
using Microsoft.AspNetCore.Mvc;

namespace Hall.FirmwareHost.Admin;

/// <summary>
/// The admin page's cameras and counter monitoring: the camera list (sources with passwords masked), add, edit,
/// remove (applied at once, no restart), and the live picture: presence per counter, faces in the waiting area.
/// </summary>
internal static class CameraEndpoints
{
    public static void MapCameraEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/cameras", ([FromServices] CameraCatalog catalog, [FromServices] CameraSupervisor supervisor, [FromServices] CounterMonitorService monitor) =>
        {
            var statuses = supervisor.Statuses.ToDictionary(s => s.Id, StringComparer.Ordinal);
            return AdminResults.Json(new
            {
                fault = monitor.Fault,
                cameras = catalog.All.Select(c => new
                {
                    c.Id,
                    Source = c.SafeSource,
                    c.Role,
                    c.Counter,
                    c.SampleRate,
                    c.MaxPeople,
                    c.Enabled,
                    c.FromSettings,
                    Running = statuses.ContainsKey(c.Id),
                    Online = statuses.TryGetValue(c.Id, out var s) && s.Online,
                    Reason = statuses.TryGetValue(c.Id, out var r) ? r.Reason : null,
                    Frames = statuses.TryGetValue(c.Id, out var f) ? f.Frames : 0,
                }),
            });
        });

        api.MapGet("/monitor", ([FromServices] CounterMonitorService monitor) => AdminResults.Json(new
        {
            fault = monitor.Fault,
            presence = monitor.Presence,
            waitingAreaFaces = monitor.WaitingAreaFaces,
            ticketsWaiting = monitor.TicketsWaiting,
        }));

        api.MapPost("/cameras", async (HttpContext context, [FromServices] CameraCatalog catalog) =>
        {
            var (camera, bad) = await AdminResults.ReadAsync<CameraDefinition>(context.Request);
            return camera is null ? bad! : From(catalog.Add(camera), camera.Id);
        }).RequireAuthorization(AdminAuth.AdminPolicy);

        api.MapPut("/cameras/{id}", async (string id, HttpContext context, [FromServices] CameraCatalog catalog) =>
        {
            var (camera, bad) = await AdminResults.ReadAsync<CameraDefinition>(context.Request);
            if (camera is null)
            {
                return bad!;
            }

            // The page shows the source with its password masked; sent back unchanged, it means "keep the source".
            if (catalog.Find(id) is { } existing && camera.Source == existing.SafeSource)
            {
                camera = camera with { Source = existing.Source };
            }

            return From(catalog.Update(camera with { Id = id }), id);
        }).RequireAuthorization(AdminAuth.AdminPolicy);

        api.MapDelete("/cameras/{id}", (string id, [FromServices] CameraCatalog catalog) => From(catalog.Remove(id), id))
            .RequireAuthorization(AdminAuth.AdminPolicy);
    }

    private static IResult From(CameraResult result, string id) => result.Ok
        ? AdminResults.Json(new { ok = true, id })
        : AdminResults.Error(result.Code!, result.Message!, result.Code switch
        {
            ErrorCodes.UnknownCamera => StatusCodes.Status404NotFound,
            ErrorCodes.InvalidField => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status409Conflict,
        });
}
