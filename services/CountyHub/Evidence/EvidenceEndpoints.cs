using System.Globalization;
using Hall.Contract.Downlink;
using Hall.Contract.Evidence;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Downlink;
using Hall.CountyHub.Web;
using Microsoft.Extensions.Options;

namespace Hall.CountyHub.Evidence;

/// <summary>
/// 督办 and 调取视频 for county staff (docs/hub.md, 督办与调取视频): sending is for supervisors and county admins, audited;
/// reading is for every role, a township user's kept to its own hall; strangers get 401 from the hub's access rule.
/// </summary>
public static class EvidenceEndpoints
{
    private const int MaxUrgeText = 2000;

    public static IEndpointRouteBuilder MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        HubRole[] senders = [HubRole.CountyAdmin, HubRole.Supervisor];
        HubRole[] everyone = [.. HubRoles.All];
        var api = app.MapGroup("/api");

        api.MapPost("/inspections/{boxId}/{inspectionId}/video", RequestVideoAsync).RequireHubRole(senders);
        api.MapGet("/videos", async (HubUser user, VideoRequests requests, string? box, CancellationToken ct) =>
            HubResults.Json(new { videos = await requests.ListAsync(user.OnlyBox ?? box, ct) })).RequireHubRole(everyone);
        api.MapGet("/videos/{requestId}/file", async (HubUser user, VideoRequests requests, VideoUploads uploads, string requestId, CancellationToken ct) =>
            await requests.ReceivedFileAsync(requestId, ct) is { } file && user.CanSee(file.BoxId)
                ? Results.File(uploads.FullPath(file.Path), "video/mp4", enableRangeProcessing: true)
                : HubResults.Error(EvidenceErrorCodes.UnknownVideo, "没有这段视频,或它尚未完整传到县级中心。", StatusCodes.Status404NotFound)).RequireHubRole(everyone);

        api.MapPost("/cases/{boxId}/{caseId}/urge", UrgeAsync).RequireHubRole(senders);
        api.MapGet("/supervisions", async (HubUser user, HubSupervisions supervisions, string? box, CancellationToken ct) =>
            HubResults.Json(new { supervisions = await supervisions.ListAsync(user, box, ct) })).RequireHubRole(everyone);
        return app;
    }

    private static async Task<IResult> RequestVideoAsync(HubUser user, VideoRequests requests, DownlinkMessages messages, string boxId, string inspectionId, CancellationToken ct)
    {
        if (!user.CanSee(boxId) || !await requests.InspectionExistsAsync(boxId, inspectionId, ct))
        {
            return HubResults.Error(Contract.HubErrorCodes.UnknownInspection, "没有这条踏勘结论,或不属于您可查看的便民服务中心。", StatusCodes.Status404NotFound);
        }

        var (requestId, _, messageId) = await requests.RequestAsync(user, boxId, inspectionId, ct);
        if (messageId is null)
        {
            // Queued after the request's own commit; a request whose message did not get queued is queued by the next click.
            var message = await messages.EnqueueAsync(boxId, DownlinkMessageTypes.VideoRequest, new { requestId, inspectionId }, ct);
            if (message is null)
            {
                return HubResults.Error(EvidenceErrorCodes.NotQueued, "该便民服务中心的边缘盒未在县级中心登记,请求未能发出。", StatusCodes.Status503ServiceUnavailable);
            }

            await requests.SentAsync(requestId, message.Id, ct);
        }

        var view = (await requests.ListAsync(boxId, ct)).First(v => v.RequestId == requestId);
        return HubResults.Json(view);
    }

    private static async Task<IResult> UrgeAsync(HttpContext context, HubUser user, HubSupervisions supervisions, DownlinkMessages messages, IOptions<HubOptions> options, string boxId, string caseId, CancellationToken ct)
    {
        var (request, bad) = await HubResults.ReadAsync<UrgeRequest>(context.Request);
        if (request is null)
        {
            return bad!;
        }

        if (!user.CanSee(boxId) || !await supervisions.CaseExistsAsync(boxId, caseId, ct))
        {
            return HubResults.Error(EvidenceErrorCodes.UnknownCase, "该便民服务中心没有这条差评案件,请刷新列表后重试。", StatusCodes.Status404NotFound);
        }

        var text = request.Text?.Trim() ?? string.Empty;
        if (text.Length == 0 || text.Length > MaxUrgeText)
        {
            return HubResults.Error(EvidenceErrorCodes.UrgeText, $"请填写督办内容(1 至 {MaxUrgeText} 个字)。", StatusCodes.Status400BadRequest);
        }

        var zone = await supervisions.TimeZoneAsync(boxId, ct) ?? options.Value.DefaultTimeZone;
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        if (UrgeRules.Deadline(request.Deadline, zone) is not { } deadline || deadline <= time.GetUtcNow())
        {
            return HubResults.Error(EvidenceErrorCodes.UrgeDeadline, "请填写督办期限(日期和时间,须晚于现在)。", StatusCodes.Status400BadRequest);
        }

        var supervisionId = await supervisions.CreateAsync(user, boxId, caseId, text, deadline, ct);
        var message = await messages.EnqueueAsync(boxId, DownlinkMessageTypes.Supervision, new { supervisionId, caseId, text, deadline, sentBy = user.Name }, ct);
        if (message is null)
        {
            return HubResults.Error(EvidenceErrorCodes.NotQueued, "该便民服务中心的边缘盒未在县级中心登记,督办未能发出。", StatusCodes.Status503ServiceUnavailable);
        }

        await supervisions.SentAsync(supervisionId, message.Id, ct);
        return HubResults.Json((await supervisions.ListAsync(user, boxId, ct)).First(s => s.SupervisionId == supervisionId));
    }
}

/// <summary>A 督办 as the page sends it: its text and the deadline, a date and time in the hall's clock (or with an offset).</summary>
public sealed record UrgeRequest(string? Text, string? Deadline);

/// <summary>How a deadline typed by county staff is read: plain logic, tested directly.</summary>
public static class UrgeRules
{
    /// <summary>
    /// "2026-12-05T17:00" (a datetime-local field) in the hall's zone, or an ISO time with its offset; null when neither.
    /// </summary>
    public static DateTimeOffset? Deadline(string? text, string zoneId)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && text.Length > 16 && (text.EndsWith('Z') || text[^6] is '+' or '-')
            ? withOffset
            : null;
    }
}
