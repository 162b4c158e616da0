using System.Security.Cryptography;
using System.Text;
using Hall.SiteInspection.Jobs;
using Hall.SiteInspection.Rules;
using Hall.SiteInspection.Upload;

namespace Hall.SiteInspection;

/// <summary>
/// 云踏勘 for the pages: staff open an application (item, applicant, address, filming window) and hand the applicant a
/// link; the applicant reads the item's inspection points, uploads the video with the time of each point, follows the
/// check, and re-films only the failed points when asked (online rectification).
/// </summary>
public sealed class InspectionService(InspectionStore store, UploadStore uploads, InspectionJobQueue jobs, HallClock clock)
{
    public IReadOnlyList<InspectionRule> Rules => store.Rules();

    public InspectionRule? Rule(string itemCode) => store.Rule(itemCode);

    /// <summary>Opens an application; refuses an unknown item, a missing address or a window that ends before it starts.</summary>
    public InspectionOutcome<(InspectionApplication Application, string AccessKey)> Open(NewApplication request, string? createdBy)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.ItemCode) || store.Rule(request.ItemCode.Trim()) is null)
        {
            var known = string.Join("、", store.Rules().Select(r => $"{r.ItemCode} {r.ItemName}"));
            return InspectionOutcome.Refused<(InspectionApplication, string)>(ErrorCodes.InvalidField, $"事项 '{request.ItemCode}' 没有踏勘规则;可选:{known}");
        }

        if (string.IsNullOrWhiteSpace(request.Applicant) || string.IsNullOrWhiteSpace(request.Address))
        {
            return InspectionOutcome.Refused<(InspectionApplication, string)>(ErrorCodes.MissingField, "请填写申请人和经营地址(水印地点要与它核对)");
        }

        var now = clock.Now();
        var from = request.WindowFrom ?? now;
        var to = request.WindowTo ?? from.AddDays(3);
        if (to <= from)
        {
            return InspectionOutcome.Refused<(InspectionApplication, string)>(ErrorCodes.InvalidField, "踏勘时段的结束时间须晚于开始时间");
        }

        var application = new InspectionApplication
        {
            Id = $"T-{clock.Local(now):yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}",
            ItemCode = request.ItemCode.Trim(),
            Applicant = request.Applicant.Trim(),
            Address = request.Address.Trim(),
            WindowFrom = clock.Local(from),
            WindowTo = clock.Local(to),
            CaseNumber = string.IsNullOrWhiteSpace(request.CaseNumber) ? null : request.CaseNumber.Trim(),
        };
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        store.AddApplication(application, key, createdBy, now);
        return InspectionOutcome.Done((application, key));
    }

    public IReadOnlyList<InspectionApplication> Applications(int limit = 100) => store.Applications(limit);

    public InspectionApplication? Application(string id) => store.Application(id)?.Application;

    /// <summary>True when <paramref name="key"/> opens the application's page (the applicant's link).</summary>
    public bool IsValidKey(string applicationId, string? key) =>
        key is not null && store.Application(applicationId) is { } found
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key), Encoding.ASCII.GetBytes(found.AccessKey));

    public string? AccessKey(string applicationId) => store.Application(applicationId)?.AccessKey;

    /// <summary>
    /// Starts an upload with the time of each inspection point. For a rectification, <c>RectificationOf</c> names the
    /// failed inspection and only its failed points are asked for.
    /// </summary>
    public InspectionOutcome<UploadStatus> StartUpload(string applicationId, NewUpload request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (store.Application(applicationId) is not { } found || store.Rule(found.Application.ItemCode) is not { } rule)
        {
            return InspectionOutcome.Refused<UploadStatus>(ErrorCodes.UnknownUpload, $"申请 {applicationId} 不存在");
        }

        var marks = request.Marks ?? new Dictionary<string, double>();
        if (marks.Keys.FirstOrDefault(k => rule.Find(k) is null) is { } unknown)
        {
            return InspectionOutcome.Refused<UploadStatus>(ErrorCodes.InvalidField, $"'{unknown}' 不是该事项的踏勘要点;要点:{string.Join("、", rule.Checkpoints.Select(c => $"{c.Code} {c.Name}"))}");
        }

        if (marks.Values.Any(v => double.IsNaN(v) || v < 0))
        {
            return InspectionOutcome.Refused<UploadStatus>(ErrorCodes.InvalidField, "要点时间须为视频中的秒数(不小于 0)");
        }

        if (request.RectificationOf is { } of && (store.Verdict(of) is not { Verdict.Passed: false } before || before.ApplicationId != applicationId))
        {
            return InspectionOutcome.Refused<UploadStatus>(ErrorCodes.InvalidField, $"整改针对的核查 {request.RectificationOf} 不存在、不属于本申请或已通过");
        }

        var created = uploads.Create(new CreateUploadRequest(applicationId, request.FileName, request.ContentType, request.Size, request.Sha256));
        if (!created.Ok)
        {
            return InspectionOutcome.Refused<UploadStatus>(created.Error!.Code, created.Error.Message);
        }

        store.SaveMarks(created.Status!.UploadId, applicationId, marks, request.RectificationOf);
        return InspectionOutcome.Done(created.Status);
    }

    /// <summary>Everything the applicant's page and the admin page show of one application.</summary>
    public ApplicationView? View(string applicationId)
    {
        if (store.Application(applicationId) is not { } found)
        {
            return null;
        }

        return new ApplicationView(
            found.Application,
            store.Rule(found.Application.ItemCode),
            uploads.ForApplication(applicationId),
            jobs.ForApplication(applicationId),
            store.Verdicts(applicationId));
    }

    /// <summary>The hub (or the county operator) asks for the full video: it is kept past the retention.</summary>
    public bool HoldVideo(string inspectionId) => store.Hold(inspectionId);
}
