using System.Globalization;

namespace Hall.CounterMonitor.Rules;

/// <summary>
/// The hall's opening hours in hall-local time, e.g. "08:30-12:00,13:30-17:30": staff away at lunch is not an
/// absence. Parsed once at start; <see cref="TryParse"/> says what is wrong with a bad value.
/// </summary>
public sealed class OpeningHours
{
    private readonly IReadOnlyList<(TimeOnly From, TimeOnly To)> _spans;

    private OpeningHours(IReadOnlyList<(TimeOnly From, TimeOnly To)> spans) => _spans = spans;

    /// <summary>Always open: for halls that want absences counted whenever a counter is open.</summary>
    public static OpeningHours Always { get; } = new([(TimeOnly.MinValue, TimeOnly.MaxValue)]);

    public bool Contains(TimeOnly localTime) => _spans.Any(s => localTime >= s.From && localTime < s.To);

    public override string ToString() => string.Join(',', _spans.Select(s => $"{s.From:HH\\:mm}-{s.To:HH\\:mm}"));

    public static bool TryParse(string? text, out OpeningHours hours, out string error)
    {
        hours = Always;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var spans = new List<(TimeOnly, TimeOnly)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length != 2
                || !TimeOnly.TryParseExact(ends[0], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || !TimeOnly.TryParseExact(ends[1], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
            {
                error = $"'{part}' is not a span like 08:30-12:00";
                return false;
            }

            if (to <= from)
            {
                error = $"'{part}' ends before it starts";
                return false;
            }

            spans.Add((from, to));
        }

        hours = new OpeningHours(spans);
        return true;
    }
}
