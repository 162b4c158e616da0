using System.Globalization;

namespace Hall.Assessment;

/// <summary>A day or a calendar month of the hall's clock.</summary>
public sealed record AssessmentPeriod
{
    private AssessmentPeriod(string kind, DateOnly from, DateOnly to, string label)
    {
        Kind = kind;
        From = from;
        To = to;
        Label = label;
    }

    /// <summary>day or month.</summary>
    public string Kind { get; }

    public DateOnly From { get; }

    /// <summary>The last day, inclusive.</summary>
    public DateOnly To { get; }

    /// <summary>2026-11-23 or 2026-11.</summary>
    public string Label { get; }

    public static AssessmentPeriod ForDay(DateOnly day) => new("day", day, day, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public static AssessmentPeriod ForMonth(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return new("month", first, first.AddMonths(1).AddDays(-1), first.ToString("yyyy-MM", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// From the query: <paramref name="period"/> day (default) or month; <paramref name="date"/> yyyy-MM-dd, or yyyy-MM for
    /// a month; empty means today or this month. Returns null and a message a person can act on when they are wrong.
    /// </summary>
    public static AssessmentPeriod? Parse(string? period, string? date, DateOnly today, out string? error)
    {
        error = null;
        var kind = string.IsNullOrWhiteSpace(period) ? "day" : period.Trim().ToLowerInvariant();
        if (kind is not ("day" or "month"))
        {
            error = $"period 应为 day(按日)或 month(按月),不是 '{period}' (period must be day or month)";
            return null;
        }

        var text = date?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return kind == "day" ? ForDay(today) : ForMonth(today.Year, today.Month);
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return kind == "day" ? ForDay(day) : ForMonth(day.Year, day.Month);
        }

        if (kind == "month" && TryParseMonth(text, out var month))
        {
            return month;
        }

        error = kind == "day"
            ? $"日期 '{date}' 格式不对,应为 2026-11-23 这样的年-月-日 (date must be yyyy-MM-dd)"
            : $"月份 '{date}' 格式不对,应为 2026-11 这样的年-月 (month must be yyyy-MM)";
        return null;
    }

    /// <summary>yyyy-MM.</summary>
    public static bool TryParseMonth(string? text, out AssessmentPeriod month)
    {
        month = null!;
        if (DateOnly.TryParseExact(text?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            month = ForMonth(first.Year, first.Month);
            return true;
        }

        return false;
    }
}
