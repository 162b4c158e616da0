using System.Globalization;

namespace Hall.CounterMonitor.Video;

/// <summary>Turns a camera's options into ffmpeg's argument list. Pure: no process, no I/O.</summary>
public static class FfmpegArguments
{
    private static readonly string[] LiveSchemes = ["rtsp://", "rtsps://", "http://", "https://", "tcp://", "udp://", "srt://"];

    /// <summary>True for a network stream, false for a file path.</summary>
    public static bool IsLive(string source) =>
        LiveSchemes.Any(s => source.StartsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>The video filter: sample at the rate, then letterbox to Width × Height (black bars).</summary>
    public static string VideoFilter(CameraFeedOptions options)
    {
        var rate = options.SampleRate.ToString("0.######", CultureInfo.InvariantCulture);
        var size = string.Create(CultureInfo.InvariantCulture, $"{options.Width}:{options.Height}");
        // fps first, so scaling and colour conversion run only on the frames we keep.
        return $"fps={rate},scale={size}:force_original_aspect_ratio=decrease,pad={size}:(ow-iw)/2:(oh-ih)/2";
    }

    /// <summary>The arguments after the executable's name, one element per argument (no shell quoting).</summary>
    public static IReadOnlyList<string> Build(CameraFeedOptions options)
    {
        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin" };
        var source = options.Source;
        if (IsLive(source))
        {
            args.AddRange(["-fflags", "+nobuffer+discardcorrupt", "-flags", "low_delay"]);
            // A camera's stream parameters are known within a second; the 5 s default delays every reconnect.
            args.AddRange(["-analyzeduration", "1000000"]);
            var micros = ((long)options.SocketTimeout.TotalMicroseconds).ToString(CultureInfo.InvariantCulture);
            if (source.StartsWith("rtsp", StringComparison.OrdinalIgnoreCase))
                args.AddRange(["-rtsp_transport", "tcp", "-timeout", micros]);
            else
                args.AddRange(["-rw_timeout", micros]);
        }
        else
        {
            if (options.Pace == FramePace.Realtime)
                args.Add("-re");
            if (options.Loop)
                args.AddRange(["-stream_loop", "-1"]);
            // A path starting with '-' would be read as an option.
            if (source.StartsWith('-'))
                source = "file:" + source;
        }

        // One decoding thread per camera: 48 cameras share two cores.
        args.AddRange(["-threads", "1", "-filter_threads", "1", "-i", source]);
        args.AddRange(["-an", "-sn", "-dn", "-vf", VideoFilter(options)]);
        args.AddRange(["-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
        return args;
    }
}
