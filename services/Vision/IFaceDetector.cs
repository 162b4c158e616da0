namespace Hall.Vision;

/// <summary>
/// The pluggable face detector seam (like Frigate's detector API): a backend takes one RGB24 frame already scaled
/// (letterboxed) to its input size and returns the faces in it. Implementations need not be thread-safe: the
/// caller owns one detector per inference worker thread.
/// </summary>
public interface IFaceDetector
{
    /// <summary>Frame width in pixels that <see cref="Detect"/> expects.</summary>
    int InputWidth { get; }

    /// <summary>Frame height in pixels that <see cref="Detect"/> expects.</summary>
    int InputHeight { get; }

    /// <summary>Finds faces in one frame: <paramref name="rgb24"/> holds exactly InputWidth × InputHeight × 3 bytes,
    /// rows top to bottom, R G B per pixel. Returns faces best first; empty when there is none.</summary>
    IReadOnlyList<FaceDetection> Detect(ReadOnlySpan<byte> rgb24);
}
