namespace Hall.SiteInspection.Analysis;

/// <summary>
/// Receives every sampled frame of the analysis pass (RGB24, rows packed, <paramref name="width"/> ×
/// <paramref name="height"/>), e.g. for a face detector. Called on the pass's reading task, in order; the span is reused
/// for the next frame, so copy what must be kept. Keep it short: ffmpeg waits while it runs.
/// </summary>
public delegate void SampleFrameHandler(TimeSpan time, ReadOnlySpan<byte> rgb, int width, int height);
