namespace Hall.SiteInspection.Analysis;

/// <summary>
/// What the one analysis pass found. <see cref="Checks"/> holds, for each of dark, overexposed, frozen, blur, repeated
/// and spliced, either one passed result or one failed result per stretch found; plus a failed <c>probe</c> result
/// when the file could not be decoded to its end. Dispose it to delete the watermark strip files.
/// </summary>
public sealed class AnalysisReport : IDisposable
{
    internal AnalysisReport(
        VideoInfo video,
        IReadOnlyList<CheckResult> checks,
        IReadOnlyList<FrameSample> samples,
        IReadOnlyList<FrameHash> hashes,
        int sampleWidth,
        int sampleHeight,
        TimeSpan sampleInterval,
        TimeSpan decodedDuration,
        bool complete,
        int decodeErrors,
        IReadOnlyList<WatermarkStrips> strips)
    {
        Video = video;
        Checks = checks;
        Samples = samples;
        Hashes = hashes;
        SampleWidth = sampleWidth;
        SampleHeight = sampleHeight;
        SampleInterval = sampleInterval;
        DecodedDuration = decodedDuration;
        Complete = complete;
        DecodeErrors = decodeErrors;
        Strips = strips;
    }

    public VideoInfo Video { get; }

    public IReadOnlyList<CheckResult> Checks { get; }

    /// <summary>Every sampled frame's measures, in time order (the pixels went to the sample handler).</summary>
    public IReadOnlyList<FrameSample> Samples { get; }

    /// <summary>The hash track: every frame of the small copy (<see cref="AnalysisOptions.AnalysisRate"/> per second).</summary>
    public IReadOnlyList<FrameHash> Hashes { get; }

    public int SampleWidth { get; }

    public int SampleHeight { get; }

    public TimeSpan SampleInterval { get; }

    /// <summary>How much of the video was decoded (the probe's duration when complete).</summary>
    public TimeSpan DecodedDuration { get; }

    /// <summary>The whole file decoded and ffmpeg ended cleanly.</summary>
    public bool Complete { get; }

    /// <summary>Error lines ffmpeg logged while decoding (damaged frames); informative, not a check by itself.</summary>
    public int DecodeErrors { get; }

    /// <summary>The watermark strips: the bottom one, then the top one when asked for.</summary>
    public IReadOnlyList<WatermarkStrips> Strips { get; }

    public WatermarkStrips? Bottom => Strips.FirstOrDefault(s => s.Position == StripPosition.Bottom);

    public WatermarkStrips? Top => Strips.FirstOrDefault(s => s.Position == StripPosition.Top);

    /// <summary>The results of one check (a name from <see cref="CheckNames"/>).</summary>
    public IEnumerable<CheckResult> For(string check) => Checks.Where(c => c.Check == check);

    /// <summary>True when no check of the pass failed.</summary>
    public bool AllPassed => Checks.All(c => c.Passed);

    public void Dispose()
    {
        foreach (var strip in Strips)
            strip.Dispose();
    }
}
