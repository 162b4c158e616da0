using System.Globalization;

namespace Hall.CountyHub.Figures;

/// <summary>A hall's own day and week, as the ingest writes <c>hall_day</c> (yyyy-MM-dd in the hall's zone). Pure.</summary>
public static class HallDays
{
    /// <summary>The hall's zone: its own, else the hub's default, else UTC when neither is known to this machine.</summary>
    public static TimeZoneInfo Zone(string? hallZone, string defaultZone) =>
        !string.IsNullOrWhiteSpace(hallZone) && TimeZoneInfo.TryFindSystemTimeZoneById(hallZone, out var zone) ? zone
        : TimeZoneInfo.TryFindSystemTimeZoneById(defaultZone, out var fallback) ? fallback
        : TimeZoneInfo.Utc;

    public static DateOnly Today(TimeZoneInfo zone, DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>The Monday of the week of <paramref name="day"/> (a Chinese working week starts on Monday).</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
