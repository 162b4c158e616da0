using Hall.SiteInspection.Rules;

namespace Hall.SiteInspection.Evidence;

/// <summary>
/// What goes upward for one inspection (never the video): its hash and size, what ffprobe said, every check result,
/// the verdict, the key frames as small JPEGs, and who checked it when. Signed by the box as <see cref="SignedPack"/>.
/// </summary>
public sealed record EvidencePack
{
    public required string InspectionId { get; init; }

    public required string ApplicationId { get; init; }

    public required string HallId { get; init; }

    public required string ItemCode { get; init; }

    public required int RuleVersion { get; init; }

    /// <summary>The inspection this upload rectifies (online rectification), if any.</summary>
    public string? RectificationOf { get; init; }

    public required string VideoSha256 { get; init; }

    public required long VideoBytes { get; init; }

    public required TimeSpan Duration { get; init; }

    public string? Container { get; init; }

    public string? Codec { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    public double FrameRate { get; init; }

    public required bool Passed { get; init; }

    public required IReadOnlyList<CheckResult> Checks { get; init; }

    public required IReadOnlyList<string> FailedCheckpoints { get; init; }

    public required IReadOnlyList<KeyFrameEvidence> KeyFrames { get; init; }

    public required DateTimeOffset CheckedAt { get; init; }
}
