using System.Globalization;
using System.Text.RegularExpressions;

namespace Hall.CounterMonitor.Video;

/// <summary>
/// Words a camera outage for the technician who has to fix it: what kind of failure (Chinese, as the
/// hall's staff read it) followed by ffmpeg's own line, with any user:password removed.
/// </summary>
internal static partial class OutageReason
{
    public const string ConnectionFailed = "连接失败";
    public const string AuthenticationFailed = "认证失败(用户名或密码错误)";
    public const string StreamNotFound = "流地址不存在";
    public const string FileNotFound = "文件不存在";
    public const string CannotDecode = "无法解码";
    public const string StreamEnded = "视频流中断";
    public const string NoFrame = "无画面";
    public const string CannotStart = "无法启动 ffmpeg";
    public const string FfmpegError = "ffmpeg 出错";

    private static readonly (string Needle, string Kind)[] Kinds =
    [
        ("401 Unauthorized", AuthenticationFailed),
        ("Unauthorized", AuthenticationFailed),
        ("403 Forbidden", AuthenticationFailed),
        ("404 Not Found", StreamNotFound),
        ("No such file or directory", FileNotFound),
        ("Connection refused", ConnectionFailed),
        ("timed out", ConnectionFailed),
        ("No route to host", ConnectionFailed),
        ("Network is unreachable", ConnectionFailed),
        ("Connection reset", ConnectionFailed),
        ("Name or service not known", ConnectionFailed),
        ("Temporary failure in name resolution", ConnectionFailed),
        ("Invalid data found", CannotDecode),
    ];

    // Trailers ffmpeg prints after the line that says what went wrong.
    private static readonly string[] Generic = ["Conversion failed!", "Exiting normally, received signal"];

    /// <summary>Why a run ended, from ffmpeg's exit code and the last lines it wrote to stderr.</summary>
    public static string FromExit(int? exitCode, IReadOnlyList<string> stderrTail)
    {
        var line = stderrTail
            .Select(Clean)
            .LastOrDefault(l => l.Length > 0 && !Generic.Any(g => l.StartsWith(g, StringComparison.Ordinal)));
        if (line is null)
        {
            return exitCode is null or 0
                ? StreamEnded
                : string.Create(CultureInfo.InvariantCulture, $"{FfmpegError}(退出码 {exitCode})");
        }

        var kind = Kinds.FirstOrDefault(k => line.Contains(k.Needle, StringComparison.OrdinalIgnoreCase)).Kind ?? FfmpegError;
        return $"{kind}: {line}";
    }

    /// <summary>The watchdog fired: nothing came out of ffmpeg for that long.</summary>
    public static string NoFrameFor(TimeSpan timeout) =>
        $"{timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} 秒没有收到画面";

    /// <summary>The ffmpeg executable could not be started at all.</summary>
    public static string StartFailed(string ffmpegPath, string message) =>
        $"{CannotStart} ({ffmpegPath}): {Redact(message)}";

    /// <summary>Removes "user:password@" from any URL in the text.</summary>
    public static string Redact(string text) => Credentials().Replace(text, "://***@");

    private static string Clean(string line) => Redact(ContextPrefix().Replace(line.Trim(), string.Empty));

    [GeneratedRegex(@"://[^/\s]+@")]
    private static partial Regex Credentials();

    // "[tcp @ 0x55d0c1a2b3c0] " says which ffmpeg component spoke; the address means nothing to a technician.
    [GeneratedRegex(@"^\[[^\]]+ @ 0x[0-9a-fA-F]+\]\s*")]
    private static partial Regex ContextPrefix();
}
