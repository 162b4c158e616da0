using Hall.CounterMonitor.Cameras;

namespace Hall.CounterMonitor;

/// <summary>
/// Counter monitoring's settings, section "CounterMonitor". Checked at start by
/// <see cref="CounterMonitorOptionsValidator"/>; docs/counter-monitor.md lists them with their defaults.
/// Changes to the section (cameras, thresholds) apply without a restart when the settings file is reloaded.
/// </summary>
public sealed class CounterMonitorOptions
{
    public const string Section = "CounterMonitor";

    /// <summary>Off: no camera is read and no model loaded.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where provisioning/scripts/fetch-models.sh put the models; empty means {Box:DataDirectory}/models.</summary>
    public string ModelDirectory { get; set; } = string.Empty;

    public List<CameraSettings> Cameras { get; set; } = [];

    /// <summary>
    /// A detection counts as a person at or above this score. The model's own threshold (MediaPipe's 0.5) lets through
    /// face-like things at about 0.7 (a helmet ring on a poster did in our tests); real faces at a counter score 0.9+.
    /// </summary>
    public double MinFaceScore { get; set; } = 0.75;

    /// <summary>Consecutive samples that must agree before presence flips (hysteresis).</summary>
    public int SamplesToFlip { get; set; } = 3;

    public TimeSpan AbsentAfter { get; set; } = TimeSpan.FromSeconds(120);

    public TimeSpan UnattendedAfter { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan ExtraPeopleAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Hall-local opening hours, e.g. "08:30-12:00,14:00-17:30"; empty: whenever a counter is open.</summary>
    public string OpeningHours { get; set; } = "08:30-12:00,14:00-17:30";

    public int CrowdingFaces { get; set; } = 25;

    public double CrowdingWaitingPerCounter { get; set; } = 8;

    public TimeSpan CrowdingAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>No frame for this long: the camera is offline, its ffmpeg is restarted.</summary>
    public TimeSpan NoFrameTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RestartBackoffMin { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RestartBackoffMax { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Samples waiting for the one inference worker; beyond it the oldest is dropped (and counted).</summary>
    public int InferenceQueue { get; set; } = 64;

    /// <summary>Off by default: no frame is ever written to disk. On: an alert keeps one small JPEG in the hall.</summary>
    public bool KeepSnapshots { get; set; }

    /// <summary>Where snapshots go; empty means {Box:DataDirectory}/snapshots.</summary>
    public string SnapshotDirectory { get; set; } = string.Empty;

    /// <summary>Snapshots older than this are deleted.</summary>
    public TimeSpan SnapshotRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often time-based rules are checked between samples.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
