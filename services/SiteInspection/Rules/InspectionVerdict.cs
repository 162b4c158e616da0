namespace Hall.SiteInspection.Rules;

/// <summary>
/// Pass or fail, with every check's result. <see cref="FailedCheckpoints"/> are the points to re-film for an online
/// rectification (整改); a failure of the whole video (probe, frozen, watermark…) means filming again.
/// </summary>
public sealed record InspectionVerdict(bool Passed, IReadOnlyList<CheckResult> Results, IReadOnlyList<string> FailedCheckpoints)
{
    /// <summary>The reasons of the failed checks, for people.</summary>
    public IReadOnlyList<string> Reasons => Results.Where(r => !r.Passed).Select(r => r.Reason).ToList();
}
