using System.Globalization;
using Hall.Contract;
using Hall.Contract.Downlink;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Web;

namespace Hall.CountyHub.Downlink;

/// <summary>
/// 下发配置 (/config) and its JSON (<c>/api/config…</c>): the county admin reads the latest version and every hall's
/// running version, and publishes a new version (audited in the same transaction). County admins only.
/// </summary>
public static class ConfigEndpoints
{
    public static IEndpointRouteBuilder MapConfig(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHubPage("/config", "config.html", HubRole.CountyAdmin);
        var api = app.MapGroup("/api/config");
        api.MapGet(string.Empty, async (ConfigVersions versions, CancellationToken ct) =>
        {
            var latest = await versions.LatestAsync(ct);
            return HubResults.Json(new
            {
                latest,
                versions = (await versions.ListAsync(ct)).Select(v => new { v.Version, v.PublishedAt, v.PublishedBy, v.Note }),
                halls = await versions.HallsAsync(ct),
                settings = CountySettingKeys.All.Select(p => new { key = p.Key, name = p.Value.Name }),
            });
        }).RequireHubRole(HubRole.CountyAdmin);
        api.MapGet("/versions/{version:long}", async (ConfigVersions versions, long version, CancellationToken ct) =>
            await versions.GetAsync(version, ct) is { } found
                ? HubResults.Json(found)
                : HubResults.Error(HubErrorCodes.UnknownConfigVersion, string.Create(CultureInfo.InvariantCulture, $"没有第 {version} 版配置。"), StatusCodes.Status404NotFound))
            .RequireHubRole(HubRole.CountyAdmin);
        api.MapPost(string.Empty, async (HttpRequest request, HubUser user, ConfigVersions versions, HubAudit audit, CancellationToken ct) =>
        {
            var (body, bad) = await HubResults.ReadAsync<ConfigPublishRequest>(request);
            if (bad is not null)
            {
                return bad;
            }

            if (body!.Config is not { } config)
            {
                return HubResults.Error(ErrorCodes.MissingField, "缺少配置内容,请从页面重新提交。", StatusCodes.Status400BadRequest);
            }

            // The village points are kept by their own page (村级代办点): a version published here carries the latest ones.
            var result = await versions.PublishAsync(
                previous => config with { HallVillagePoints = previous.HallVillagePoints },
                body.BasedOn,
                body.Note,
                user.UserId,
                (s, v) => audit.Record(s, user, "发布下发配置", null, string.Create(CultureInfo.InvariantCulture, $"第 {v.Version} 版{(v.Note is null ? string.Empty : ":" + v.Note)}"), ct),
                ct);
            if (result.Published is { } published)
            {
                return HubResults.Json(new { version = published.Version, publishedAt = published.PublishedAt });
            }

            var status = result.Error!.Code == HubErrorCodes.ConfigConflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return HubResults.Json(new { error = result.Error, problems = result.Problems }, status);
        }).RequireHubRole(HubRole.CountyAdmin);
        return app;
    }
}
