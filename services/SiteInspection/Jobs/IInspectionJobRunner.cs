namespace Hall.SiteInspection.Jobs;

/// <summary>
/// The work of one check (probe, quality, watermark, rules, verdict). It reports progress as it goes, honours the
/// token (the box is stopping, or the job ran past SiteInspection:Jobs:JobTimeout) and throws to fail: any exception
/// is retried up to MaxAttempts, <see cref="PermanentJobFailureException"/> fails the job at once. The same job may run
/// again after a restart, so whatever it writes must be keyed so that a second run replaces the first.
/// </summary>
public interface IInspectionJobRunner
{
    Task RunAsync(InspectionJob job, IProgress<JobProgress> progress, CancellationToken cancellationToken);
}
