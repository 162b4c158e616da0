using Hall.Contract;

namespace Hall.FirmwareHost.Inspection;

/// <summary>
/// The applicant's 云踏勘 page, opened from the link staff hand over (a phone on the hall's Wi-Fi): the item's
/// inspection points and cautions before filming, the upload in resumable chunks with the time of each point, the
/// check's progress, the verdict with its reasons, and the re-filming of failed points only (online rectification).
/// </summary>
internal static class InspectionPage
{
    /// <summary>For a link that is incomplete or no longer valid (a 404).</summary>
    public static string NotFound { get; } = Load("inspection-not-found.html");

    /// <summary>inspection.html, .css and .js.</summary>
    public static string Html { get; } = Load("inspection.html");

    private static string Load(string name) => PageFiles.Load(typeof(InspectionPage).Assembly, name);
}
