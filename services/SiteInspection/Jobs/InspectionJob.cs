namespace Hall.SiteInspection.Jobs;

/// <summary>
/// One claimed check, as the runner gets it. <see cref="Attempt"/> is 1 on the first run; a job interrupted by a
/// restart runs again from the start, so the runner's work must be idempotent (keyed by job or upload id).
/// </summary>
/// <param name="VideoPath">The received video, already complete and hashed.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the video, computed while it was received.</param>
public sealed record InspectionJob(long Id, string ApplicationId, string UploadId, string VideoPath, string Sha256, int Attempt)
{
    /// <summary>Which claim of the job this run is; the queue's writes for the run name it.</summary>
    internal long Claim { get; init; }
}
