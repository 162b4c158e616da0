using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hall.Media;

namespace Hall.CounterMonitor.Video;

/// <summary>Turns a camera's options into ffmpeg's argument list. Pure: no process, no I/O.</summary>
public static partial class FfmpegArguments
{
    private static readonly string[] LiveSchemes = ["rtsp://", "rtsps://", "http://", "https://", "tcp://", "udp://", "srt://"];

    // One decoding thread per camera: 48 cameras share two cores.
    private static readonly string[] Decoding = ["-threads", "1", "-filter_threads", "1"];

    // What the concat script may open: stdin itself, then whatever a camera URL needs underneath.
    private const string ProtocolWhitelist = "pipe,rtsp,rtsps,rtp,srtp,tcp,udp,tls,http,https,httpproxy,srt,crypto";

    /// <summary>True for a network stream, false for a file path.</summary>
    public static bool IsLive(string source) =>
        LiveSchemes.Any(s => source.StartsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// True when the URL may hold a secret: a user:password before the host, or a query (some cameras take
    /// <c>?user=…&amp;pwd=…</c>). Such a URL never goes on ffmpeg's command line, where <c>ps</c> shows it to anyone.
    /// </summary>
    public static bool HasSecret(string source) => IsLive(source) && SecretPart().IsMatch(source);

    /// <summary>The video filter: sample at the rate, then letterbox to Width × Height (black bars).</summary>
    public static string VideoFilter(CameraFeedOptions options)
    {
        var rate = options.SampleRate.ToString("0.######", CultureInfo.InvariantCulture);
        var size = string.Create(CultureInfo.InvariantCulture, $"{options.Width}:{options.Height}");
        // fps first, so scaling and colour conversion run only on the frames we keep.
        return $"fps={rate},scale={size}:force_original_aspect_ratio=decrease,pad={size}:(ow-iw)/2:(oh-ih)/2";
    }

    /// <summary>
    /// The arguments after the executable's name, one element per argument (no shell quoting), with the source on
    /// the command line. <see cref="Command"/> is what the feed runs: the same, except that a source with a secret
    /// and its input options go to ffmpeg's stdin instead.
    /// </summary>
    public static IReadOnlyList<string> Build(CameraFeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin" };
        var source = options.Source;
        if (IsLive(source))
        {
            foreach (var (name, value) in LiveInputOptions(options))
                args.AddRange(["-" + name, value]);
            args.AddRange(["-flags", "low_delay"]);
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

        args.AddRange(Decoding);
        args.AddRange(["-i", source]);
        args.AddRange(Output(options));
        return args;
    }

    /// <summary>
    /// The ffmpeg run for the camera. When the source has a secret (<see cref="HasSecret"/>), ffmpeg reads a
    /// one-entry ffconcat script from stdin (<c>-f concat -i pipe:0</c>) naming the URL and its input options
    /// (<c>option rtsp_transport tcp</c>, …), so the password is in no process's command line and in no file.
    /// </summary>
    public static MediaCommand Command(CameraFeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!HasSecret(options.Source))
            return new MediaCommand(options.FfmpegPath, Build(options));

        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin" };
        // -safe 0 lets the script name a URL; the whitelist is what the script may open beneath stdin.
        args.AddRange(["-f", "concat", "-safe", "0", "-protocol_whitelist", ProtocolWhitelist]);
        args.AddRange(["-flags", "low_delay"]);
        args.AddRange(Decoding);
        args.AddRange(["-i", "pipe:0"]);
        args.AddRange(Output(options));
        return new MediaCommand(options.FfmpegPath, args) { StandardInput = Encoding.UTF8.GetBytes(ConcatScript(options)) };
    }

    /// <summary>The ffconcat script of a live source: the URL and the demuxer and protocol options it is opened with.</summary>
    internal static string ConcatScript(CameraFeedOptions options)
    {
        var script = new StringBuilder("ffconcat version 1.0\n");
        script.Append("file ").Append(Quote(options.Source)).Append('\n');
        foreach (var (name, value) in LiveInputOptions(options))
            script.Append("option ").Append(name).Append(' ').Append(Quote(value)).Append('\n');
        return script.ToString();
    }

    /// <summary>Options of the live demuxer and its protocol, without the leading '-'.</summary>
    private static List<(string Name, string Value)> LiveInputOptions(CameraFeedOptions options)
    {
        var micros = ((long)options.SocketTimeout.TotalMicroseconds).ToString(CultureInfo.InvariantCulture);
        var list = new List<(string, string)>
        {
            // No +nobuffer: it drops the packets read while the stream is analysed, the first key frame among them,
            // and a smart-codec camera (a key frame every 8 s) then shows nothing for a whole interval.
            ("fflags", "+discardcorrupt"),
            // A camera's stream parameters are known within a second; the 5 s default delays every reconnect.
            ("analyzeduration", "1000000"),
        };
        if (options.Source.StartsWith("rtsp", StringComparison.OrdinalIgnoreCase))
            list.AddRange([("rtsp_transport", "tcp"), ("timeout", micros)]);
        else
            list.Add(("rw_timeout", micros));
        return list;
    }

    private static string[] Output(CameraFeedOptions options) =>
        ["-an", "-sn", "-dn", "-vf", VideoFilter(options), "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"];

    /// <summary>ffconcat quoting (av_get_token): inside '…' all is literal, so a quote is closed, escaped, reopened.</summary>
    private static string Quote(string value) => "'" + value.Replace("'", @"'\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#]*@|[^?#]*\?)")]
    private static partial Regex SecretPart();
}
