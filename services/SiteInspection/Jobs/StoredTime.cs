using System.Globalization;

namespace Hall.SiteInspection.Jobs;

/// <summary>Times in the inspection tables: UTC, round-trip ISO-8601, so that text order is time order.</summary>
internal static class StoredTime
{
    public static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static DateTimeOffset? ParseOrNull(object? value) => value is string text ? Parse(text) : null;
}
