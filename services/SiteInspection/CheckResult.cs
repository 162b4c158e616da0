namespace Hall.SiteInspection;

/// <summary>
/// One check of an inspection video: which check, passed or not, the stretch of the video it concerns (null for the
/// whole file), and the reason in Chinese, e.g. "00:12–00:17 画面过暗,看不清现场".
/// </summary>
/// <param name="Check">A name from <see cref="CheckNames"/>.</param>
public sealed record CheckResult(string Check, bool Passed, TimeSpan? From, TimeSpan? To, string Reason)
{
    /// <summary>The checkpoint (踏勘要点) it concerns, when it is about one.</summary>
    public string? Checkpoint { get; init; }
}
