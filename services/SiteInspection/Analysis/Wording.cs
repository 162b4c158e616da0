using System.Globalization;

namespace Hall.SiteInspection.Analysis;

/// <summary>The Chinese reasons of the video checks, in one place so that they read alike.</summary>
internal static class Wording
{
    public const string NoDark = "未发现过暗画面";
    public const string NoBright = "未发现过曝画面";
    public const string NoFrozen = "未发现画面静止";
    public const string NoBlur = "未发现模糊画面";
    public const string NoRepeat = "未发现重复画面";
    public const string NoSplice = "未发现剪辑拼接";

    public static string Dark(TimeSpan from, TimeSpan to) => $"{Range(from, to)} 画面过暗(黑屏),看不清现场";

    public static string Bright(TimeSpan from, TimeSpan to) => $"{Range(from, to)} 画面过亮(过曝),看不清现场";

    public static string Frozen(TimeSpan from, TimeSpan to) => $"{Range(from, to)} 画面静止不动,可能是暂停录制或翻拍";

    public static string Blur(TimeSpan from, TimeSpan to) => $"{Range(from, to)} 画面模糊";

    public static string Repeated(TimeSpan from, TimeSpan to, TimeSpan earlierFrom, TimeSpan earlierTo) =>
        $"{Range(from, to)} 与 {Range(earlierFrom, earlierTo)} 的画面重复";

    public static string Spliced(TimeSpan at) => $"{Time(at)} 画面突然切换,疑似剪辑拼接";

    public static string Truncated(TimeSpan decodedTo, TimeSpan duration) =>
        $"视频在 {Time(decodedTo)} 之后无法解码(应有 {Time(duration)}),文件不完整或已损坏";

    public static string DecodeFailed(string detail) => $"视频无法解码,文件已损坏或格式不受支持({detail})";

    public static string DecodeStalled(TimeSpan limit) =>
        $"视频解码超过 {limit.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} 秒没有进展,文件可能已损坏";

    /// <summary>"00:12–00:17"; both ends rounded to the second, never an empty range.</summary>
    public static string Range(TimeSpan from, TimeSpan to)
    {
        var a = Seconds(from);
        var b = Math.Max(Seconds(to), a + 1);
        return $"{Time(a)}–{Time(b)}";
    }

    /// <summary>"01:32", or "1:02:03" past an hour.</summary>
    public static string Time(TimeSpan at) => Time(Seconds(at));

    private static long Seconds(TimeSpan t) => (long)Math.Round(Math.Max(0, t.TotalSeconds), MidpointRounding.AwayFromZero);

    private static string Time(long seconds) =>
        seconds >= 3600
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:00}:{seconds % 60:00}");
}
