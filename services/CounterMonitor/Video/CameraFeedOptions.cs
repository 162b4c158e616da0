using System.Globalization;

namespace Hall.CounterMonitor.Video;

/// <summary>What one <see cref="CameraFeed"/> reads and how it is supervised.</summary>
public sealed record CameraFeedOptions
{
    /// <summary>The camera's id, copied into every frame and health report.</summary>
    public required string CameraId { get; init; }

    /// <summary>
    /// A live URL (rtsp://, rtsps://, http(s)://, tcp://, udp://, srt://) or a file path (tests, replays).
    /// </summary>
    public required string Source { get; init; }

    /// <summary>Frame width: the detector's input width (e.g. 128 or 256).</summary>
    public int Width { get; init; } = 128;

    /// <summary>Frame height: the detector's input height.</summary>
    public int Height { get; init; } = 128;

    /// <summary>Frames sampled per second (2, or 0.5 for one every two seconds).</summary>
    public double SampleRate { get; init; } = 2;

    /// <summary>File sources only: read at the file's speed or as fast as possible.</summary>
    public FramePace Pace { get; init; } = FramePace.Realtime;

    /// <summary>File sources only: start again at the end, so a replay never ends.</summary>
    public bool Loop { get; init; }

    /// <summary>With no frame for this long (connecting included) ffmpeg is killed and restarted.</summary>
    public TimeSpan NoFrameTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Live sources: ffmpeg's own socket timeout, so a dead camera ends ffmpeg with a message.</summary>
    public TimeSpan SocketTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First wait before a restart; doubled after each failed run.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between restarts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The ffmpeg executable, a name on PATH or a full path.</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>Bytes in one frame: Width × Height × 3.</summary>
    public int FrameBytes => Width * Height * 3;

    /// <summary>The problems with these options, each a sentence; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(CameraId))
            errors.Add("CameraId is empty.");
        if (string.IsNullOrWhiteSpace(Source))
            errors.Add($"Camera {CameraId}: Source is empty.");
        else if (Source.Any(char.IsControl))
            errors.Add($"Camera {CameraId}: Source must be one line without control characters.");
        if (Width is < 16 or > 4096 || Height is < 16 or > 4096)
            errors.Add($"Camera {CameraId}: frame size {Width}x{Height} must be between 16 and 4096 on each side.");
        if (Width % 2 != 0 || Height % 2 != 0)
            errors.Add($"Camera {CameraId}: frame size {Width}x{Height} must be even (the letterbox is centred).");
        if (!double.IsFinite(SampleRate) || SampleRate <= 0 || SampleRate > 60)
            errors.Add($"Camera {CameraId}: SampleRate {SampleRate.ToString(CultureInfo.InvariantCulture)} must be above 0 and at most 60 frames per second.");
        else if (NoFrameTimeout <= TimeSpan.FromSeconds(1 / SampleRate))
            errors.Add($"Camera {CameraId}: NoFrameTimeout {NoFrameTimeout} must be longer than one sample interval ({TimeSpan.FromSeconds(1 / SampleRate)}).");
        if (SocketTimeout <= TimeSpan.Zero)
            errors.Add($"Camera {CameraId}: SocketTimeout must be positive.");
        if (MinBackoff <= TimeSpan.Zero || MaxBackoff < MinBackoff)
            errors.Add($"Camera {CameraId}: backoff must satisfy 0 < MinBackoff ({MinBackoff}) <= MaxBackoff ({MaxBackoff}).");
        if (string.IsNullOrWhiteSpace(FfmpegPath))
            errors.Add($"Camera {CameraId}: FfmpegPath is empty.");
        return errors;
    }
}
