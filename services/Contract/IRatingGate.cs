namespace Hall.Contract;

/// <summary>
/// The hall's optional rule "rate before next" (Evaluation:RequireRatingBeforeNext), asked by the queue before a
/// counter calls again. It is answered from committed state (the finished service and its rating, if any), never
/// from whether a listener has caught up yet.
/// </summary>
public interface IRatingGate
{
    /// <summary>True when the service of <paramref name="ticketNo"/>, finished at <paramref name="finishedAt"/>, still waits for its rating.</summary>
    bool MustWaitForRating(string counter, string ticketNo, DateTimeOffset finishedAt);
}
