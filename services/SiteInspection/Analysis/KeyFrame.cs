namespace Hall.SiteInspection.Analysis;

/// <summary>
/// The frame at an inspection point's time: a small JPEG to send upward as evidence, and its quality measured the same
/// way as the samples of the pass (at <see cref="AnalysisOptions.SampleWidth"/>), so the caller can decide whether the
/// point passes.
/// </summary>
/// <param name="Time">The time asked for.</param>
/// <param name="Jpeg">JPEG bytes, <see cref="AnalysisOptions.KeyFrameWidth"/> wide.</param>
/// <param name="Problems">Chinese, e.g. "画面过暗"; empty when the frame is usable.</param>
public sealed record KeyFrame(
    TimeSpan Time,
    byte[] Jpeg,
    int Width,
    int Height,
    FrameQuality Quality,
    bool IsDark,
    bool IsOverexposed,
    bool IsBlurred,
    IReadOnlyList<string> Problems)
{
    public bool Usable => Problems.Count == 0;

    /// <summary>
    /// The same frame as RGB24 for a face detector, its shorter side the size asked for (the detector's input), or
    /// null when none was asked for.
    /// </summary>
    public FacePicture? ForFaces { get; init; }
}

/// <summary>A frame as RGB24, rows packed, for the face model.</summary>
public sealed record FacePicture(byte[] Rgb, int Width, int Height);
