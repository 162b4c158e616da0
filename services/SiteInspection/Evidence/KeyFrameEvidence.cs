namespace Hall.SiteInspection.Evidence;

/// <summary>One key frame in the evidence pack: the inspection point, where it is in the video, a small JPEG.</summary>
public sealed record KeyFrameEvidence(string Checkpoint, TimeSpan At, string Jpeg, string Sha256);
