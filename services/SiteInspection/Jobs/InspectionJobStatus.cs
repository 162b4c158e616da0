namespace Hall.SiteInspection.Jobs;

/// <summary>
/// What a page polls: the state, progress (0–100) with its stage text, attempts so far and, once failed (or between
/// retries), the error. <see cref="QueuePosition"/> is how many jobs are ahead of a queued one (running included).
/// </summary>
public sealed record InspectionJobStatus(
    long JobId,
    string ApplicationId,
    string UploadId,
    InspectionJobState State,
    int Progress,
    string Stage,
    int Attempts,
    int MaxAttempts,
    string? Error,
    string Sha256,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset UpdatedAt)
{
    public int? QueuePosition { get; init; }
}
