using Hall.Contract;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Downlink;
using Hall.CountyHub.Figures;
using Hall.CountyHub.Web;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hall.CountyHub.Villages;

/// <summary>
/// 村级代办点: the page <c>/villages</c> (every role; a township user sees its own hall), the three-level figures
/// (<c>GET /api/villages</c>), a hall's points (<c>GET /api/halls/{box}/villages</c>), and the county admin's changes
/// (<c>PUT</c> and <c>DELETE /api/halls/{box}/villages/{village}</c>), each audited.
/// </summary>
public static class VillageEndpoints
{
    public static IServiceCollection AddVillages(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<FigureQueries>();
        services.TryAddSingleton<VillagePointDirectory>();
        services.TryAddSingleton<VillageFigures>();
        return services;
    }

    public static IEndpointRouteBuilder MapVillages(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHubPage("/villages", "villages.html", [.. HubRoles.All]);
        var api = app.MapGroup("/api");
        api.MapGet("/villages", FiguresAsync).RequireHubRole([.. HubRoles.All]);
        api.MapGet("/halls/{boxId}/villages", ListAsync).RequireHubRole([.. HubRoles.All]);
        api.MapPut("/halls/{boxId}/villages/{villageId}", SaveAsync).RequireHubRole(HubRole.CountyAdmin);
        api.MapDelete("/halls/{boxId}/villages/{villageId}", RetireAsync).RequireHubRole(HubRole.CountyAdmin);
        return app;
    }

    private static async Task<IResult> FiguresAsync(HubUser user, VillageFigures figures, TimeProvider time, IOptions<HubOptions> options, string? month, string? box, CancellationToken ct)
    {
        FigurePeriod? period;
        if (string.IsNullOrWhiteSpace(month))
        {
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(options.Value.DefaultTimeZone, out var z) ? z : TimeZoneInfo.Utc;
            var now = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
            period = FigurePeriod.Month(now.Year, now.Month);
        }
        else if ((period = FigurePeriod.ParseMonth(month, out var error)) is null)
        {
            return HubResults.Error(ErrorCodes.InvalidField, error!, StatusCodes.Status400BadRequest);
        }

        // A township user reads its own hall whatever it asks for; a county user may narrow to one hall.
        var only = user.OnlyBox ?? (string.IsNullOrWhiteSpace(box) ? null : box);
        if (only is not null && !user.CanSee(only))
        {
            return HubResults.Error(HubErrorCodes.Forbidden, "您只能查看本乡镇便民服务中心的代办点。", StatusCodes.Status403Forbidden);
        }

        var levels = await figures.ReadAsync(period, only, ct);
        return HubResults.Json(new
        {
            period = levels.Period,
            month = FigurePeriod.MonthLabel(period.From),
            county = user.SeesCounty && only is null ? levels.County : null,
            halls = levels.Halls,
            mayEdit = user.Role == HubRole.CountyAdmin,
        });
    }

    private static async Task<IResult> ListAsync(string boxId, HubUser user, VillagePointDirectory points, CancellationToken ct)
    {
        if (!user.CanSee(boxId))
        {
            return HubResults.Error(HubErrorCodes.Forbidden, "您只能查看本乡镇便民服务中心的代办点。", StatusCodes.Status403Forbidden);
        }

        return HubResults.Json(new { boxId, villages = await points.ListAsync(boxId, ct) });
    }

    private static async Task<IResult> SaveAsync(HttpContext context, string boxId, string villageId, HubUser user, VillagePointDirectory points, HubAudit audit)
    {
        var (body, error) = await HubResults.ReadAsync<VillagePointInput>(context.Request);
        if (error is not null)
        {
            return error;
        }

        if (VillagePointRules.Check(villageId, body, out var refusal) is not { } point)
        {
            return HubResults.Error(refusal!.Code, refusal.Message, StatusCodes.Status400BadRequest);
        }

        var ct = context.RequestAborted;
        if (!await points.HallExistsAsync(boxId, ct))
        {
            return UnknownHall(boxId);
        }

        var change = await points.SaveAsync(boxId, villageId, point.Name, point.Items, user, audit, ct);
        return change.Error is { } refused
            ? HubResults.Error(refused.Code, refused.Message, StatusOf(refused.Code))
            : HubResults.Json(new { village = change.Point, configVersion = change.Version });
    }

    private static async Task<IResult> RetireAsync(string boxId, string villageId, HubUser user, VillagePointDirectory points, HubAudit audit, CancellationToken ct)
    {
        if (!await points.HallExistsAsync(boxId, ct))
        {
            return UnknownHall(boxId);
        }

        var change = await points.RetireAsync(boxId, villageId, user, audit, ct);
        return change.Error is { } refused
            ? HubResults.Error(refused.Code, refused.Message, StatusOf(refused.Code))
            : HubResults.Json(new { boxId, villageId, active = false, configVersion = change.Version });
    }

    private static int StatusOf(string code) => code switch
    {
        ErrorCodes.UnknownVillage => StatusCodes.Status404NotFound,
        HubErrorCodes.ConfigConflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    private static IResult UnknownHall(string boxId) =>
        HubResults.Error(HubErrorCodes.UnknownHall, $"县级中心没有登记编号为 {boxId} 的便民服务中心,请先登记其边缘盒(hallctl hub enroll)。", StatusCodes.Status404NotFound);
}
