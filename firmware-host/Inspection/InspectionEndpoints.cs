using Hall.FirmwareHost.Access;
using System.Security.Claims;
using Hall.Contract;
using Hall.FirmwareHost.Admin;
using Hall.FirmwareHost.Web;
using Hall.SiteInspection;
using Hall.SiteInspection.Jobs;
using Hall.SiteInspection.Upload;
using Microsoft.AspNetCore.Mvc;

namespace Hall.FirmwareHost.Inspection;

/// <summary>
/// 云踏勘 over HTTP. The applicant's page (/inspect/{id}?k=…, the link staff hand over as a QR code) reads the item's
/// inspection points, uploads the video in resumable chunks (docs/site-inspection.md has the protocol) and follows
/// the check; staff open applications and see verdicts under /admin/api/inspections.
/// </summary>
public static class InspectionEndpoints
{
    private const string HtmlType = "text/html; charset=utf-8";

    public static void MapInspection(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/inspect/{id}", (string id, string? k, InspectionService inspections) =>
            inspections.IsValidKey(id, k)
                ? Results.Content(InspectionPage.Html, HtmlType)
                : Results.Content(InspectionPage.NotFound, HtmlType, statusCode: StatusCodes.Status404NotFound)).ForApplicant();

        var applicant = app.MapGroup("/api/inspect/{id}").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var id = (string)http.Request.RouteValues["id"]!;
            return http.RequestServices.GetRequiredService<InspectionService>().IsValidKey(id, http.Request.Query["k"])
                ? await next(context)
                : Error(ErrorCodes.NotAllowed, "链接不完整或已失效,请向窗口工作人员重新索取二维码", StatusCodes.Status404NotFound);
        }).ForApplicant();
        applicant.MapGet("/", (string id, InspectionService inspections) => Json(PublicView(inspections.View(id)!)));
        applicant.MapPost("/uploads", async (string id, HttpContext context, InspectionService inspections) =>
        {
            var (request, bad) = await AdminResults.ReadAsync<NewUpload>(context.Request);
            if (request is null)
            {
                return bad!;
            }

            var started = inspections.StartUpload(id, request);
            return started.Ok ? Json(started.Value!, StatusCodes.Status201Created) : Error(started.Code!, started.Message!, StatusOf(started.Code!));
        });
        applicant.MapMethods("/uploads/{uploadId}", ["HEAD", "GET"], (string id, string uploadId, HttpContext context, UploadStore uploads) =>
            Upload(context, id, uploads.GetStatus(uploadId)));
        applicant.MapPatch("/uploads/{uploadId}", async (string id, string uploadId, HttpContext context, UploadStore uploads) =>
        {
            if (Foreign(uploads, id, uploadId) is { } foreign)
            {
                return foreign;
            }

            if (!long.TryParse(context.Request.Headers["Upload-Offset"], out var offset))
            {
                return Error(ErrorCodes.MissingField, "缺少 Upload-Offset 请求头:先查询已收到的字节数,再从那里继续上传", StatusCodes.Status400BadRequest);
            }

            // The body is streamed to disk as it comes: a chunk is never held in memory whole.
            return Upload(context, id, await uploads.AppendAsync(uploadId, offset, context.Request.Body, context.Request.ContentLength, context.RequestAborted));
        });
        applicant.MapDelete("/uploads/{uploadId}", (string id, string uploadId, HttpContext context, UploadStore uploads) =>
            Foreign(uploads, id, uploadId) ?? Upload(context, id, uploads.Cancel(uploadId)));

        var admin = app.MapGroup("/admin/api/inspections")
            .AddEndpointFilter(new SameOriginFilter(AdminAuth.CsrfHeader))
            .RequireStaff(AdminAuth.PagePolicy);
        admin.MapGet("/", (InspectionService inspections, HallClock clock) => Json(new
        {
            // The console enters filming windows in the hall's time, whatever the browser's zone.
            hallNow = clock.Now(),
            rules = inspections.Rules,
            applications = inspections.Applications().Select(a => Summary(inspections, a.Id)),
        }));
        admin.MapPost("/", async (HttpContext context, ClaimsPrincipal user, InspectionService inspections, TicketLinks links) =>
        {
            var (request, bad) = await AdminResults.ReadAsync<NewApplication>(context.Request);
            if (request is null)
            {
                return bad!;
            }

            var opened = inspections.Open(request, user.FindFirstValue(ClaimTypes.NameIdentifier));
            return opened.Ok
                ? Json(new { opened.Value.Application, link = LinkOf(links, opened.Value.Application.Id, opened.Value.AccessKey) }, StatusCodes.Status201Created)
                : Error(opened.Code!, opened.Message!, StatusOf(opened.Code!));
        });
        admin.MapGet("/{id}", (string id, InspectionService inspections, TicketLinks links) =>
            inspections.View(id) is { } view
                ? Json(new { view, link = LinkOf(links, id, inspections.AccessKey(id)!) })
                : Error(ErrorCodes.UnknownUpload, $"申请 {id} 不存在", StatusCodes.Status404NotFound));
        admin.MapPost("/jobs/{jobId:long}/retry", (long jobId, InspectionJobQueue jobs) =>
        {
            var result = jobs.Retry(jobId);
            return result.Ok ? Json(result.Status!) : Error(result.Code!, result.Message!, StatusOf(result.Code!));
        });
        admin.MapPost("/verdicts/{inspectionId}/hold", (string inspectionId, InspectionService inspections) =>
            inspections.HoldVideo(inspectionId)
                ? Json(new { inspectionId, held = true })
                : Error(ErrorCodes.UnknownUpload, $"核查 {inspectionId} 不存在或视频已按保存期限删除", StatusCodes.Status404NotFound));
    }

    private static string LinkOf(TicketLinks links, string id, string key) => $"{links.BaseUrl}/inspect/{id}?k={key}";

    private static object? Summary(InspectionService inspections, string id)
    {
        var view = inspections.View(id);
        return view is null ? null : new
        {
            view.Application.Id,
            view.Application.ItemCode,
            itemName = view.Rule?.ItemName,
            view.Application.Applicant,
            view.Application.Address,
            view.Application.WindowFrom,
            view.Application.WindowTo,
            job = view.Jobs.Count > 0 ? view.Jobs[0] : null,
            verdict = view.Verdicts.Count > 0 && view.Verdicts[^1] is var last ? new { last.InspectionId, last.Verdict.Passed, last.Verdict.Reasons, last.CheckedAt, last.Held, last.VideoDeleted } : null,
        };
    }

    /// <summary>What the applicant sees: no staff ids, video paths or evidence signatures.</summary>
    private static object PublicView(ApplicationView view) => new
    {
        view.Application,
        view.Rule,
        uploads = view.Uploads.Select(u => new { u.UploadId, u.FileName, u.Size, u.Offset, u.State, u.JobId, u.Error }),
        jobs = view.Jobs.Select(j => new { j.JobId, j.UploadId, j.State, j.Progress, j.Stage, j.Error, j.QueuePosition }),
        verdicts = view.Verdicts.Select(v => new { v.InspectionId, v.UploadId, v.RectificationOf, v.Verdict, v.CheckedAt }),
    };

    /// <summary>
    /// A refusal when the upload belongs to another application than the link's, checked before anything is written or
    /// deleted (one application's link must not touch another's upload); null when it is this application's or unknown.
    /// </summary>
    private static IResult? Foreign(UploadStore uploads, string applicationId, string uploadId) =>
        uploads.GetStatus(uploadId).Status is { } status && status.ApplicationId != applicationId
            ? Error(ErrorCodes.UnknownUpload, "这次上传不属于本申请,未做任何改动", StatusCodes.Status404NotFound)
            : null;

    private static IResult Upload(HttpContext context, string applicationId, UploadResult result)
    {
        if (result.Status is { } status && status.ApplicationId != applicationId)
        {
            return Error(ErrorCodes.UnknownUpload, "这次上传不属于本申请", StatusCodes.Status404NotFound);
        }

        var offset = result.Status?.Offset ?? result.Error?.CurrentOffset;
        if (offset is not null)
        {
            context.Response.Headers["Upload-Offset"] = offset.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (result.Status is { } s)
        {
            context.Response.Headers["Upload-Length"] = s.Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return result.Ok
            ? Json(result.Status!)
            : Results.Json(new { error = result.Error }, HallJson.Options, statusCode: result.Error!.HttpStatus);
    }

    private static int StatusOf(string code) => code switch
    {
        ErrorCodes.UnknownUpload or ErrorCodes.UnknownInspectionJob => StatusCodes.Status404NotFound,
        ErrorCodes.BadJson or ErrorCodes.MissingField or ErrorCodes.InvalidField or ErrorCodes.UploadEmpty => StatusCodes.Status400BadRequest,
        ErrorCodes.UploadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.UploadNotVideo => StatusCodes.Status415UnsupportedMediaType,
        ErrorCodes.UploadNoSpace or ErrorCodes.DiskBudgetExceeded => StatusCodes.Status507InsufficientStorage,
        ErrorCodes.UploadLimitReached => StatusCodes.Status429TooManyRequests,
        ErrorCodes.StoreUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status409Conflict,
    };

    private static IResult Json(object value, int status = StatusCodes.Status200OK) => Results.Json(value, HallJson.Options, statusCode: status);

    private static IResult Error(string code, string message, int status) =>
        Results.Json(new { error = new ErrorBody(code, message) }, HallJson.Options, statusCode: status);
}
