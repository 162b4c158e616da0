using System.ComponentModel.DataAnnotations;

namespace Hall.SiteInspection;

/// <summary>
/// Site inspection's settings, section "SiteInspection" (uploads in SiteInspection:Upload, the checking queue in
/// SiteInspection:Jobs, the video checks in SiteInspection:Analysis). docs/site-inspection.md lists them.
/// </summary>
public sealed class SiteInspectionOptions
{
    public const string Section = "SiteInspection";

    /// <summary>Where fetch-models.sh put the OCR and face models; empty means {Box:DataDirectory}/models.</summary>
    [Required]
    public string ModelDirectory { get; set; } = string.Empty;

    /// <summary>Scratch space of a running check (watermark strips, key frames); emptied after each job.</summary>
    [Required]
    public string WorkDirectory { get; set; } = string.Empty;

    /// <summary>The box's evidence signing key; empty means {Box:DataDirectory}/inspection-signing.pem.</summary>
    [Required]
    public string SigningKeyPath { get; set; } = string.Empty;

    /// <summary>How long a checked video stays in the hall (unless the hub asked for it).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan VideoRetention { get; set; } = TimeSpan.FromDays(180);

    /// <summary>A text line counts as watermark text at or above this OCR confidence.</summary>
    [Range(0.0, 1.0)]
    public double MinTextConfidence { get; set; } = 0.6;

    /// <summary>A face at or above this score counts as a person present.</summary>
    [Range(0.0, 1.0)]
    public double MinFaceScore { get; set; } = 0.75;
}
