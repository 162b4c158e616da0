using System.ComponentModel.DataAnnotations;

namespace Hall.SiteInspection.Jobs;

/// <summary>The checking queue's settings, section "SiteInspection:Jobs"; checked at start by <see cref="InspectionJobOptionsValidator"/>.</summary>
public sealed class InspectionJobOptions
{
    public const string Section = "SiteInspection:Jobs";

    /// <summary>Runs of one job before it fails for good; a run cut by a crash or power cut counts, a clean stop does not.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before a failed run is tried again; the n-th retry waits n times this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A run still going after this is cancelled and counts as failed (a hung decoder must not block the queue).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The idle worker looks at the queue at least this often (new uploads wake it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
