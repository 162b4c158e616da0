using System.ComponentModel.DataAnnotations;
using Hall.CounterMonitor.Cameras;
using Hall.CounterMonitor.Rules;
using Microsoft.Extensions.Options;

namespace Hall.CounterMonitor;

/// <summary>
/// Counter monitoring's settings, section "CounterMonitor". Checked at start by
/// <see cref="CounterMonitorOptionsValidator"/> and <see cref="CounterMonitorOptionsSemanticValidator"/>; docs/counter-monitor.md lists them with their defaults.
/// Changes to the section (cameras, thresholds) apply without a restart when the settings file is reloaded.
/// </summary>
public sealed class CounterMonitorOptions
{
    public const string Section = "CounterMonitor";

    /// <summary>Off: no camera is read and no model loaded.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where provisioning/scripts/fetch-models.sh put the models; empty means {Box:DataDirectory}/models.</summary>
    public string ModelDirectory { get; set; } = string.Empty;

    [ValidateEnumeratedItems]
    public List<CameraSettings> Cameras { get; set; } = [];

    /// <summary>
    /// A detection counts as a person at or above this score. The model's own threshold (MediaPipe's 0.5) lets through
    /// face-like things at about 0.7 (a helmet ring on a poster did in our tests); real faces at a counter score 0.9+.
    /// </summary>
    [Range(0.5, 1)]
    public double MinFaceScore { get; set; } = 0.75;

    /// <summary>Consecutive samples that must agree before presence flips (hysteresis).</summary>
    [Range(1, 50)]
    public int SamplesToFlip { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan AbsentAfter { get; set; } = TimeSpan.FromSeconds(120);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan UnattendedAfter { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ExtraPeopleAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Hall-local opening hours, e.g. "08:30-12:00,14:00-17:30"; empty: whenever a counter is open.</summary>
    [OpeningHoursText]
    public string OpeningHours { get; set; } = "08:30-12:00,14:00-17:30";

    [Range(1, 10_000)]
    public int CrowdingFaces { get; set; } = 25;

    [Range(0d, 10_000d, MinimumIsExclusive = true)]
    public double CrowdingWaitingPerCounter { get; set; } = 8;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan CrowdingAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>No frame for this long: the camera is offline, its ffmpeg is restarted.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan NoFrameTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RestartBackoffMin { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RestartBackoffMax { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Samples waiting for the one inference worker; beyond it the oldest is dropped (and counted).</summary>
    [Range(1, 10_000)]
    public int InferenceQueue { get; set; } = 64;

    /// <summary>Off by default: no frame is ever written to disk. On: an alert keeps one small JPEG in the hall.</summary>
    public bool KeepSnapshots { get; set; }

    /// <summary>Where snapshots go; empty means {Box:DataDirectory}/snapshots.</summary>
    public string SnapshotDirectory { get; set; } = string.Empty;

    /// <summary>Snapshots older than this are deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan SnapshotRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often time-based rules are checked between samples.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
