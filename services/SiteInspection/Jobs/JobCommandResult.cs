namespace Hall.SiteInspection.Jobs;

/// <summary>The outcome of a command on a job from a page: done (with the job's new status), or a code and a message.</summary>
public sealed record JobCommandResult(InspectionJobStatus? Status, string? Code = null, string? Message = null)
{
    public bool Ok => Code is null;
}
