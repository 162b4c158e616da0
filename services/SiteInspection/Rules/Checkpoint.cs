namespace Hall.SiteInspection.Rules;

/// <summary>
/// One inspection point (踏勘要点): what the video must show there. The uploader marks the time it is shown; the key
/// frame there must pass the quality checks, and show a person where <see cref="PersonRequired"/>.
/// </summary>
public sealed record Checkpoint(string Code, string Name, string MustShow, bool PersonRequired = false);
