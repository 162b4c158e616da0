namespace Hall.CounterMonitor.Video;

/// <summary>
/// One sampled picture of one camera, letterboxed to the detector's input size.
/// The frame owns <see cref="Rgb"/>: frames wait in a bounded channel and may be dropped there,
/// so no buffer is shared or pooled between frames.
/// </summary>
/// <param name="CameraId">The camera it came from.</param>
/// <param name="Index">0-based sample number since this ffmpeg run started.</param>
/// <param name="Generation">How many times ffmpeg has been started for this camera (1 for the first run).</param>
/// <param name="StreamTime">Index divided by the sample rate: the position in this run's stream.</param>
/// <param name="ReceivedAt">When the box read the frame, from the injected <see cref="TimeProvider"/>.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Rgb">Width × Height × 3 bytes, RGB24, row by row from the top left.</param>
public sealed record VideoFrame(
    string CameraId,
    long Index,
    int Generation,
    TimeSpan StreamTime,
    DateTimeOffset ReceivedAt,
    int Width,
    int Height,
    byte[] Rgb);
