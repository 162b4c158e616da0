namespace Hall.SiteInspection.Jobs;

/// <summary>Where a check of a video stands. In JSON (HallJson): "queued", "running", "done", "failed".</summary>
public enum InspectionJobState
{
    Queued,
    Running,
    Done,
    Failed,
}
