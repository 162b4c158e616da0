namespace Hall.SiteInspection;

/// <summary>The checks an inspection video goes through (docs/site-inspection.md).</summary>
public static class CheckNames
{
    /// <summary>ffprobe: container, codec, duration, resolution, frame rate; corrupt or truncated files fail here.</summary>
    public const string Probe = "probe";

    /// <summary>Too dark (ffmpeg blackdetect).</summary>
    public const string Dark = "dark";

    /// <summary>Over-exposed (blackdetect on the negated picture).</summary>
    public const string Overexposed = "overexposed";

    /// <summary>Blurred: variance of the Laplacian at a fixed width under the threshold.</summary>
    public const string Blur = "blur";

    /// <summary>Frozen picture (ffmpeg freezedetect).</summary>
    public const string Frozen = "frozen";

    /// <summary>The same footage shown twice (dHash of sampled frames).</summary>
    public const string Repeated = "repeated";

    /// <summary>A cut between unrelated scenes inside one take (dHash jump), or a watermark clock jump.</summary>
    public const string Spliced = "spliced";

    /// <summary>The burned-in watermark: read by OCR, date, time and place against the application.</summary>
    public const string Watermark = "watermark";

    /// <summary>The watermark clock advances one second per second of video.</summary>
    public const string WatermarkClock = "watermark-clock";

    /// <summary>A person present where the rules ask for one.</summary>
    public const string Person = "person";

    /// <summary>An inspection point (踏勘要点): its key frame exists and passes the quality checks.</summary>
    public const string Checkpoint = "checkpoint";

    /// <summary>Shorter than the item's minimum duration.</summary>
    public const string Duration = "duration";
}
