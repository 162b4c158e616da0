using Hall.SiteInspection.Jobs;
using Hall.SiteInspection.Rules;
using Hall.SiteInspection.Upload;

namespace Hall.SiteInspection;

/// <summary>An application with its rules, uploads, checks in progress and verdicts.</summary>
public sealed record ApplicationView(
    InspectionApplication Application,
    InspectionRule? Rule,
    IReadOnlyList<UploadStatus> Uploads,
    IReadOnlyList<InspectionJobStatus> Jobs,
    IReadOnlyList<StoredVerdict> Verdicts);
