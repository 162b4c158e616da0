namespace Hall.SiteInspection.Jobs;

/// <summary>
/// Writes a run's progress to its job row, synchronously and in order (Progress&lt;T&gt; would post to the thread pool
/// and could write an older value last). A report equal to the last written one costs nothing, so a runner may report
/// per frame: at most one write per percent per stage reaches SQLite.
/// </summary>
internal sealed class JobProgressWriter : IProgress<JobProgress>
{
    private readonly InspectionJobQueue _queue;
    private readonly InspectionJob _job;
    private readonly Lock _gate = new();
    private int _percent = -1;
    private string? _stage;

    public JobProgressWriter(InspectionJobQueue queue, InspectionJob job)
    {
        _queue = queue;
        _job = job;
    }

    public void Report(JobProgress value)
    {
        var percent = Math.Clamp(value.Percent, 0, 100);
        var stage = value.Stage ?? string.Empty;
        lock (_gate)
        {
            if (percent == _percent && string.Equals(stage, _stage, StringComparison.Ordinal))
            {
                return;
            }

            _percent = percent;
            _stage = stage;
            _queue.ReportProgress(_job, percent, stage);
        }
    }
}
