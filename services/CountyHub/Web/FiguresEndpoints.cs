using Hall.Contract;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Figures;
using Microsoft.Extensions.Options;

namespace Hall.CountyHub.Web;

/// <summary>
/// 统计分析 (/figures, every hall), a hall's page (/halls/{boxId}) and the 全县月度通报 (/report): the pages, their JSON and
/// CSV. Every role reads figures, a township user only its own hall's; the county report is for the county roles.
/// </summary>
public static class FiguresEndpoints
{
    public static IEndpointRouteBuilder MapFigures(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        HubRole[] everyone = [.. HubRoles.All];
        HubRole[] county = [HubRole.CountyAdmin, HubRole.Supervisor];
        app.MapHubPage("/figures", "figures.html", everyone);
        app.MapHubPage("/halls/{boxId}", "hall.html", everyone);
        app.MapHubPage("/report", "report.html", county);

        var api = app.MapGroup("/api");
        api.MapGet("/figures", (HttpContext context, HubUser user, CountyFigures figures, CancellationToken ct) => HallsAsync(context, user, figures, csv: false, ct))
            .RequireHubRole(everyone);
        api.MapGet("/figures.csv", (HttpContext context, HubUser user, CountyFigures figures, CancellationToken ct) => HallsAsync(context, user, figures, csv: true, ct))
            .RequireHubRole(everyone);
        api.MapGet("/halls/{boxId}/figures", (HttpContext context, string boxId, HubUser user, CountyFigures figures, CancellationToken ct) => HallAsync(context, boxId, user, figures, csv: false, ct))
            .RequireHubRole(everyone);
        api.MapGet("/halls/{boxId}/figures.csv", (HttpContext context, string boxId, HubUser user, CountyFigures figures, CancellationToken ct) => HallAsync(context, boxId, user, figures, csv: true, ct))
            .RequireHubRole(everyone);
        api.MapGet("/report", (HttpContext context, CountyFigures figures, IOptions<HubOptions> options, CancellationToken ct) => ReportAsync(context, figures, options.Value, csv: false, ct))
            .RequireHubRole(county);
        api.MapGet("/report.csv", (HttpContext context, CountyFigures figures, IOptions<HubOptions> options, CancellationToken ct) => ReportAsync(context, figures, options.Value, csv: true, ct))
            .RequireHubRole(county);
        return app;
    }

    /// <summary>Every hall (a township user: its own) over <c>?month=2026-11</c> or <c>?from=…&amp;to=…</c> (this month when neither), with the rankings.</summary>
    private static async Task<IResult> HallsAsync(HttpContext context, HubUser user, CountyFigures figures, bool csv, CancellationToken ct)
    {
        var query = context.Request.Query;
        FigurePeriod? period;
        string? error = null;
        if (query.ContainsKey("from") || query.ContainsKey("to"))
        {
            period = FigurePeriod.ParseRange(query["from"], query["to"], out error);
        }
        else
        {
            period = query.ContainsKey("month") ? FigurePeriod.ParseMonth(query["month"], out error) : figures.ThisMonth;
        }

        if (period is null)
        {
            return BadInput(error!);
        }

        var table = await figures.HallsAsync(period, user.OnlyBox, ct);
        if (csv)
        {
            return Csv(FiguresCsv.Write([.. table.Halls, table.County]), $"各中心统计-{period.FromText}至{period.ToText}.csv");
        }

        var rankings = HallRanking.Metrics.ToDictionary(m => m, m => HallRanking.Rank(table.Halls, m));
        return HubResults.Json(new { table.Period, table.From, table.To, table.Halls, table.County, rankings });
    }

    /// <summary>One hall: <c>?month=2026-11</c> (its days; this month when absent) or <c>?year=2026</c> (its months).</summary>
    private static async Task<IResult> HallAsync(HttpContext context, string boxId, HubUser user, CountyFigures figures, bool csv, CancellationToken ct)
    {
        if (!user.CanSee(boxId))
        {
            return UnknownHall();
        }

        var query = context.Request.Query;
        string? error = null;
        var grain = query.ContainsKey("year") ? FigureGrain.Month : FigureGrain.Day;
        var period = grain == FigureGrain.Month ? FigurePeriod.ParseYear(query["year"], out error)
            : query.ContainsKey("month") ? FigurePeriod.ParseMonth(query["month"], out error)
            : figures.ThisMonth;
        if (period is null)
        {
            return BadInput(error!);
        }

        if (await figures.SeriesAsync(boxId, period, grain, ct) is not { } hall)
        {
            return UnknownHall();
        }

        return csv
            ? Csv(FiguresCsv.Write([.. hall.Series, hall.Total, hall.PreviousTotal]), $"{hall.HallName}-{hall.Period}.csv")
            : HubResults.Json(hall);
    }

    /// <summary>The 全县月度通报 of <c>?month=2026-11</c> (last month when absent: the report is written after a month ends).</summary>
    private static async Task<IResult> ReportAsync(HttpContext context, CountyFigures figures, HubOptions options, bool csv, CancellationToken ct)
    {
        string? error = null;
        var period = context.Request.Query.ContainsKey("month")
            ? FigurePeriod.ParseMonth(context.Request.Query["month"], out error)
            : figures.ThisMonth.PreviousMonth();
        if (period is null)
        {
            return BadInput(error!);
        }

        var report = await figures.ReportAsync(options.CountyName, period, null, ct);
        return csv
            ? Csv(FiguresCsv.Write([.. report.Halls, report.County, .. report.PreviousHalls, report.PreviousCounty]), $"全县月度通报-{report.Month}.csv")
            : HubResults.Json(report);
    }

    private static IResult BadInput(string message) => HubResults.Error(ErrorCodes.InvalidField, message, StatusCodes.Status400BadRequest);

    // The same answer for a hall that does not exist and one the user may not see: a township user learns nothing of others.
    private static IResult UnknownHall() =>
        HubResults.Error(HubErrorCodes.UnknownHall, "没有这个便民服务中心,或不属于您可查看的范围。请从列表中选择。", StatusCodes.Status404NotFound);

    private static IResult Csv(byte[] bytes, string fileName) => Results.File(bytes, "text/csv; charset=utf-8", fileName);
}
