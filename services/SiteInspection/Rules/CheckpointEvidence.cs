namespace Hall.SiteInspection.Rules;

/// <summary>What the key frame at an inspection point showed: the time the uploader marked, and its measures.</summary>
/// <param name="MarkedAt">Where in the video the uploader says the point is shown; null when not marked.</param>
/// <param name="Extracted">A frame could be taken there.</param>
/// <param name="Faces">Faces found in the key frame (null when not looked for).</param>
public sealed record CheckpointEvidence(string Code, TimeSpan? MarkedAt, bool Extracted, bool Dark, bool Overexposed, bool Blurred, int? Faces);
