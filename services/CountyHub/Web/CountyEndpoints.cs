using Hall.CountyHub.Auth;
using Hall.CountyHub.Figures;
using Microsoft.Extensions.Options;

namespace Hall.CountyHub.Web;

/// <summary>全县总览 (/), 差评回访 (/cases) and 云踏勘 (/inspections): the pages and their JSON, readable by every role, a township user's kept to its hall.</summary>
public static class CountyEndpoints
{
    public static IEndpointRouteBuilder MapCounty(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        HubRole[] everyone = [.. HubRoles.All];
        app.MapHubPage("/", "overview.html", everyone);
        app.MapHubPage("/cases", "cases.html", everyone);
        app.MapHubPage("/inspections", "inspections.html", everyone);

        var api = app.MapGroup("/api");
        api.MapGet("/overview", async (HubUser user, Overview overview, IOptions<HubOptions> options, CancellationToken ct) =>
            HubResults.Json(new { silentAfterSeconds = options.Value.SilentAfter.TotalSeconds, halls = await overview.ReadAsync(user, ct) }))
            .RequireHubRole(everyone);
        api.MapGet("/cases", async (HubUser user, CaseList cases, string? box, string? state, bool? overdue, CancellationToken ct) =>
            HubResults.Json(new { cases = await cases.ReadAsync(user, new CaseFilter(box, state, overdue == true), ct) }))
            .RequireHubRole(everyone);
        api.MapGet("/inspections", async (HubUser user, InspectionList inspections, string? box, string? verdict, CancellationToken ct) =>
            HubResults.Json(new { inspections = await inspections.ReadAsync(user, box, verdict, ct) }))
            .RequireHubRole(everyone);
        api.MapGet("/inspections/{boxId}/{inspectionId}", async (HubUser user, InspectionList inspections, string boxId, string inspectionId, CancellationToken ct) =>
            await inspections.FindAsync(user, boxId, inspectionId, ct) is { } detail
                ? HubResults.Json(detail)
                : HubResults.Error(Contract.HubErrorCodes.UnknownInspection, "没有这条踏勘结论,或不属于您可查看的便民服务中心。", StatusCodes.Status404NotFound))
            .RequireHubRole(everyone);
        return app;
    }
}
