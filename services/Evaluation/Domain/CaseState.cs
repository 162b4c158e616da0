namespace Hall.Evaluation.Domain;

/// <summary>
/// Where a bad-review case (差评回访整改) stands. In JSON and in the store: open, called-back, rectified, closed,
/// appealed, appeal-accepted.
/// </summary>
public enum CaseState
{
    /// <summary>Opened by a level 1–2 rating; waits for the call-back (回访).</summary>
    Open,

    /// <summary>The person was called back; waits for the rectification (整改).</summary>
    CalledBack,

    /// <summary>Rectified; the person may rate once more; waits to be closed.</summary>
    Rectified,

    Closed,

    /// <summary>The hall appealed (申诉) the rating as mistaken or malicious; a county operator decides.</summary>
    Appealed,

    /// <summary>The county accepted the appeal: the rating does not count against the counter. Final.</summary>
    AppealAccepted,
}
