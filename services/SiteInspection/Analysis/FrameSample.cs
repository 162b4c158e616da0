namespace Hall.SiteInspection.Analysis;

/// <summary>One sampled frame of the analysis pass: its index, its time in the video and its measures.</summary>
public readonly record struct FrameSample(int Index, TimeSpan Time, FrameQuality Quality);
