using Hall.SiteInspection.Rules;

namespace Hall.SiteInspection;

/// <summary>A checked upload as the box keeps it: the verdict, where the video is and until when.</summary>
public sealed record StoredVerdict(
    string InspectionId,
    string ApplicationId,
    string UploadId,
    string? RectificationOf,
    InspectionVerdict Verdict,
    string? VideoPath,
    string VideoSha256,
    DateTimeOffset VideoExpires,
    DateTimeOffset CheckedAt)
{
    public bool Held { get; init; }

    public bool VideoDeleted { get; init; }
}
