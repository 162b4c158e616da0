using System.Globalization;

namespace Hall.CountyHub.Figures;

/// <summary>
/// A span of hall days, both ends included, as the hub stores them (<c>hall_day</c>, yyyy-MM-dd in the hall's own zone).
/// Parsing refuses what a person could mistype, with a Chinese message saying what is expected.
/// </summary>
public sealed record FigurePeriod(DateOnly From, DateOnly To)
{
    /// <summary>The longest span a page may ask for: two years of days.</summary>
    public const int MaxDays = 731;

    public string FromText => Day(From);

    public string ToText => Day(To);

    /// <summary>"2026-11" for a whole month, "2026-11-03" for one day, else "2026-11-01 至 2026-11-15".</summary>
    public string Label =>
        From.Day == 1 && To == From.AddMonths(1).AddDays(-1) ? MonthLabel(From)
        : From == To ? Day(From)
        : $"{Day(From)} 至 {Day(To)}";

    public static FigurePeriod Month(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return new FigurePeriod(first, first.AddMonths(1).AddDays(-1));
    }

    public static FigurePeriod Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    /// <summary>The month before this one's first month.</summary>
    public FigurePeriod PreviousMonth()
    {
        var first = new DateOnly(From.Year, From.Month, 1).AddMonths(-1);
        return Month(first.Year, first.Month);
    }

    public static string MonthLabel(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"2026-11" → that month; null and a message when it is not a month.</summary>
    public static FigurePeriod? ParseMonth(string? text, out string? error)
    {
        error = null;
        if (text is { Length: 7 } && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) && first.Year >= 2000)
        {
            return Month(first.Year, first.Month);
        }

        error = $"月份“{Shown(text)}”无法识别,请写成 2026-11 这样的年-月。";
        return null;
    }

    /// <summary>"2026" → that year; null and a message when it is not a year.</summary>
    public static FigurePeriod? ParseYear(string? text, out string? error)
    {
        error = null;
        if (text is { Length: 4 } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 9999)
        {
            return Year(year);
        }

        error = $"年份“{Shown(text)}”无法识别,请写成 2026 这样的四位年份。";
        return null;
    }

    /// <summary>Two days (yyyy-MM-dd), the first not after the second, at most <see cref="MaxDays"/> apart.</summary>
    public static FigurePeriod? ParseRange(string? from, string? to, out string? error)
    {
        error = null;
        if (!TryDay(from, out var a))
        {
            error = $"起始日期“{Shown(from)}”无法识别,请写成 2026-11-01 这样的年-月-日。";
            return null;
        }

        if (!TryDay(to, out var b))
        {
            error = $"截止日期“{Shown(to)}”无法识别,请写成 2026-11-30 这样的年-月-日。";
            return null;
        }

        if (b < a)
        {
            error = "截止日期早于起始日期,请调换后再查。";
            return null;
        }

        if (b.DayNumber - a.DayNumber + 1 > MaxDays)
        {
            error = $"一次最多查询 {MaxDays} 天,请缩短日期范围。";
            return null;
        }

        return new FigurePeriod(a, b);
    }

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) && day.Year >= 2000;

    // Echoed back shortened, so a pasted page of text does not come back whole.
    private static string Shown(string? text) => string.IsNullOrEmpty(text) ? "(空)" : text.Length > 20 ? text[..20] + "…" : text;
}
