using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Hall.SiteInspection.Rules;

/// <summary>
/// Reads what a filming app burns into the picture: the date and time ("2026-11-23 10:15:32", "2026年11月23日
/// 10:15:32", date and time on separate lines) and the place (the line that reads like an address). OCR's usual
/// confusions (full-width digits and colons) are undone first.
/// </summary>
public static partial class WatermarkText
{
    private static readonly char[] AddressMarks = ['省', '市', '县', '区', '镇', '乡', '村', '街', '路', '道', '号', '巷', '组'];

    /// <summary>The date and time shown, as a local clock reading (no offset: the app shows the phone's local time).</summary>
    public static DateTime? TimeOf(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var text = Normalise(string.Join(' ', lines));
        var match = DateTimePattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        int Part(string name) => int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        var second = match.Groups["s"].Success ? Part("s") : 0;
        try
        {
            return new DateTime(Part("y"), Part("mo"), Part("d"), Part("h"), Part("mi"), second, DateTimeKind.Unspecified);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// The place the watermark shows, or null: of each line, what is left once the date, the time and the weekday are
    /// taken out (many apps draw "2026-03-14 09:12:40 新繁镇龙桥村" on one line), and of those the one that reads most
    /// like an address (at least two of 省市县区镇乡村街路号…). Anything that looks like a clock, even misread, is never
    /// part of the place.
    /// </summary>
    public static string? PlaceOf(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines
            .Select(PlacePart)
            .OfType<string>()
            .Where(l => l.Count(c => AddressMarks.Contains(c)) >= 2)
            .OrderByDescending(l => l.Count(c => AddressMarks.Contains(c)))
            .ThenByDescending(l => l.Length)
            .FirstOrDefault();
    }

    /// <summary>A line without its date, time and weekday (read or misread), from its first to its last Chinese character.</summary>
    private static string? PlacePart(string line)
    {
        var text = DateTimePattern().Replace(Normalise(line), " ");
        text = ClockLike().Replace(text, " ");
        text = Weekday().Replace(text, " ");
        var first = text.AsSpan().IndexOfAnyInRange('\u4e00', '\u9fff');
        var last = text.AsSpan().LastIndexOfAnyInRange('\u4e00', '\u9fff');
        return first < 0 ? null : text[first..(last + 1)].Trim();
    }

    /// <summary>
    /// True when the watermark's place is the application's address: one contains the other once spaces and
    /// punctuation are gone, or they share a run of at least 80% of the shorter (OCR may miss a character).
    /// </summary>
    public static bool SamePlace(string watermark, string address)
    {
        var a = Compact(watermark);
        var b = Compact(address);
        if (a.Length == 0 || b.Length == 0)
        {
            return false;
        }

        if (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal))
        {
            return true;
        }

        return LongestCommonSubsequence(a, b) >= 0.8 * Math.Min(a.Length, b.Length) && Math.Min(a.Length, b.Length) >= 6;
    }

    internal static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                >= '０' and <= '９' => (char)('0' + (c - '０')),
                '：' => ':',
                '－' or '—' or '–' => '-',
                '／' => '/',
                '　' => ' ',
                _ => c,
            });
        }

        return builder.ToString();
    }

    private static string Compact(string text) => new(Normalise(text).Where(char.IsLetterOrDigit).ToArray());

    private static int LongestCommonSubsequence(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        foreach (var ca in a)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = ca == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    // Digits joined by date or clock separators (2026-03-14, 09:12:4O read with a letter for a zero, 14日): a clock,
    // whole or misread, never an address's house number (18号 has no separator).
    [GeneratedRegex(@"[\dOoIl]*\d[\dOoIl]*(?:\s*[-/.:年月]\s*[\dOoIl]*\d[\dOoIl]*)+\s*日?")]
    private static partial Regex ClockLike();

    [GeneratedRegex(@"星期[一二三四五六日天]|周[一二三四五六日天]")]
    private static partial Regex Weekday();

    [GeneratedRegex(@"(?<y>20\d{2})\s*[-/.年]\s*(?<mo>\d{1,2})\s*[-/.月]\s*(?<d>\d{1,2})\s*日?\s*(?:星期.|周.)?\s*(?<h>\d{1,2})\s*:\s*(?<mi>\d{2})(?:\s*:\s*(?<s>\d{2}))?")]
    private static partial Regex DateTimePattern();
}
