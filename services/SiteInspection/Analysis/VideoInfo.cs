namespace Hall.SiteInspection.Analysis;

/// <summary>What ffprobe says about a readable video.</summary>
/// <param name="Container">ffprobe's format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2".</param>
/// <param name="VideoCodec">e.g. "h264", "hevc".</param>
/// <param name="Duration">The video stream's duration, else the container's.</param>
/// <param name="Width">Width as shown, after the rotation a phone records (decoded frames have this size).</param>
/// <param name="Height">Height as shown, after the rotation.</param>
/// <param name="Rotation">Display rotation in degrees (0, 90, 180, 270) from the display matrix or the rotate tag.</param>
/// <param name="FrameRate">Average frames per second (0 when the container does not say).</param>
/// <param name="HasAudio">An audio stream is present.</param>
/// <param name="FileSize">Bytes on disk.</param>
public sealed record VideoInfo(
    string Container,
    string VideoCodec,
    TimeSpan Duration,
    int Width,
    int Height,
    int Rotation,
    double FrameRate,
    bool HasAudio,
    long FileSize)
{
    /// <summary>The shorter side, the one a minimum resolution ("720p") is about.</summary>
    public int ShortSide => Math.Min(Width, Height);
}
