using System.ComponentModel.DataAnnotations;
using Hall.Contract.Settings;

namespace Hall.SiteInspection.Analysis;

/// <summary>
/// Settings of the video checks (probe, the one analysis pass, key frames). The defaults are the ones the tests and the
/// 5-minute 720p benchmark were run with; each threshold says where its number comes from.
/// </summary>
public sealed class AnalysisOptions
{
    public const string Section = "SiteInspection:Analysis";

    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    [Required]
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>ffprobe reads only the headers; a file that takes longer than this is treated as unreadable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The pass is killed when no sampled frame arrives for this long (a hung decoder on a hostile file).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan NoProgressTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A video whose shorter side is below this fails the probe (a 640×360 phone video still passes).</summary>
    [Range(0, 4320)]
    public int MinimumShortSide { get; set; } = 360;

    /// <summary>
    /// Decoder threads. 2 on the 2-core box: a check runs alone (one at a time) and decoding is most of the work; the
    /// filters and the C# side run in the gaps of the frame threads.
    /// </summary>
    [Range(0, 16)]
    public int DecodeThreads { get; set; } = 2;

    /// <summary>
    /// Frames per second of the small copy (<see cref="SampleWidth"/> wide) that the dark and over-exposure detectors
    /// see and that is hashed (the hash track for repeats and splices). Both detectors on every full-size frame cost
    /// 60% on top of decoding; 10 fps at 320 wide costs almost nothing, places a stretch to 0.1 s, and hashes 0.1 s
    /// apart let a repeated copy be matched whatever its phase against the 2 fps samples, and keep camera motion
    /// between consecutive hashes small next to a cut. A whole multiple of <see cref="SampleRate"/>.
    /// </summary>
    [Range(1.0, 30.0)]
    public double AnalysisRate { get; set; } = 10;

    /// <summary>blackdetect pix_th: a pixel is dark at or below this share of the luma range (0.10 is ffmpeg's default).</summary>
    [Range(0.0, 1.0)]
    public double DarkPixelThreshold { get; set; } = 0.10;

    /// <summary>blackdetect picture_black_ratio_th: a picture is dark when this share of its pixels is dark.</summary>
    [Range(0.0, 1.0)]
    public double DarkPictureShare { get; set; } = 0.90;

    /// <summary>Shortest dark stretch reported.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan DarkMinDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The same test on the negated picture: a pixel is blown out at or above 1 − this share of the range.</summary>
    [Range(0.0, 1.0)]
    public double BrightPixelThreshold { get; set; } = 0.10;

    [Range(0.0, 1.0)]
    public double BrightPictureShare { get; set; } = 0.90;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan BrightMinDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>freezedetect noise tolerance in dB: -60 dB finds repeated frames, not a still scene filmed live.</summary>
    [Range(-90.0, 0.0)]
    public double FreezeNoiseDb { get; set; } = -60;

    /// <summary>freezedetect d: shortest frozen stretch.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan FreezeMinDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Sampled frames per second for blur, hashes and the caller's face detector.</summary>
    [Range(0.5, 10.0)]
    public double SampleRate { get; set; } = 2;

    /// <summary>Width of the sampled frames (height follows the aspect, even). Blur thresholds depend on it.</summary>
    [Range(64, 1920)]
    [Even]
    public int SampleWidth { get; set; } = 320;

    /// <summary>
    /// A sample is blurred when the variance of the Laplacian of its luma at <see cref="SampleWidth"/> is below this.
    /// Measured on 3 s pans over nine photographs at 640×360 (the medians): sharp 74–930, gblur sigma 1.5 41–350,
    /// sigma 3 11–130, sigma 5 4–40, sigma 8 3–13, boxblur 4 3–36; sharp test patterns 80–5000. 30 flags every photo
    /// at sigma 8 and all but one at sigma 5, and no sharp one (the lowest, a low-contrast brick wall, is at 74).
    /// A bare wall filmed in focus can still fall under it, which is why a stretch must last <see cref="BlurMinDuration"/>.
    /// </summary>
    [Range(0.0, 100_000.0)]
    public double BlurThreshold { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan BlurMinDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A sample flatter than this (luma standard deviation, 0–255) has no picture to hash or judge for blur.</summary>
    [Range(0.0, 128.0)]
    public double FlatDeviation { get; set; } = 6;

    /// <summary>Two samples show the same picture when their dHashes differ in at most this many of 64 bits.</summary>
    [Range(0, 32)]
    public int RepeatMaxDistance { get; set; } = 6;

    /// <summary>Shortest repeated stretch reported.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RepeatMinDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A repeat counts only when the earlier stretch itself changes by at least this many bits from its first sample:
    /// a camera held still on a shop front, then pointed at it again, is not repeated footage.
    /// </summary>
    [Range(0, 64)]
    public int RepeatMinMotion { get; set; } = 12;

    /// <summary>A jump between consecutive samples of at least this many bits can be a splice…</summary>
    [Range(1, 64)]
    public int SpliceMinDistance { get; set; } = 26;

    /// <summary>…when the samples on both sides of it move less than this (a steady shot, not a fast pan).</summary>
    [Range(0, 64)]
    public int SpliceCalmDistance { get; set; } = 10;

    /// <summary>Share of the frame height, at the bottom, written at full resolution for the watermark OCR.</summary>
    [Range(0.05, 0.5)]
    public double StripShare { get; set; } = 0.25;

    /// <summary>Also write the same strip from the top of the frame (some watermark apps put the clock there).</summary>
    public bool TopStrip { get; set; }

    /// <summary>Strips per second.</summary>
    [Range(0.1, 10.0)]
    public double StripRate { get; set; } = 1;

    /// <summary>Keep the strip files after the report is disposed (debugging); off: they are deleted.</summary>
    public bool KeepStrips { get; set; }

    /// <summary>Key frame JPEG width (height follows the aspect).</summary>
    [Range(64, 1920)]
    [Even]
    public int KeyFrameWidth { get; set; } = 480;

    /// <summary>ffmpeg -q:v for the key frame JPEG: 2 best … 31 worst; 5 gives 20–40 kB at 480 wide.</summary>
    [Range(2, 31)]
    public int KeyFrameQuality { get; set; } = 5;

    /// <summary>Samples are every this many frames of the hash track.</summary>
    internal int SampleStep => (int)Math.Round(AnalysisRate / SampleRate);

    /// <summary>The problems with these settings, each a sentence naming the key; empty when usable.</summary>
    public IReadOnlyList<string> Validate() =>
        new SectionValidator<AnalysisOptions>(Section, new AnalysisOptionsValidator(), new AnalysisOptionsSemanticValidator()).Validate(null, this).Failures?.ToList() ?? [];

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem, for constructors.</summary>
    internal void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
            throw new ArgumentException("SiteInspection analysis settings: " + string.Join(" ", errors));
    }
}
