namespace Hall.Display;

/// <summary>
/// Which topics a page asked for. A filter is a topic prefix, either whole
/// (<c>hall/h1/display/</c>) or below the hall (<c>display/</c>), so pages need not know the hall id.
/// </summary>
public static class LiveTopicFilter
{
    public static IReadOnlyList<string> Parse(string? filters) =>
        string.IsNullOrWhiteSpace(filters)
            ? []
            : filters.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool Matches(string topic, IReadOnlyList<string> filters)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.Count == 0)
        {
            return true;
        }

        var belowHall = BelowHall(topic);
        foreach (var filter in filters)
        {
            if (topic.StartsWith(filter, StringComparison.Ordinal) || belowHall.StartsWith(filter, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Alerts and counter presence name staff and their absences: only the signed-in console gets them.</summary>
    public static bool IsStaffOnly(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return topic.EndsWith("/alert", StringComparison.Ordinal) || topic.EndsWith("/presence", StringComparison.Ordinal);
    }

    private static ReadOnlySpan<char> BelowHall(string topic)
    {
        if (!topic.StartsWith("hall/", StringComparison.Ordinal))
        {
            return topic;
        }

        var end = topic.IndexOf('/', 5);
        return end < 0 ? ReadOnlySpan<char>.Empty : topic.AsSpan(end + 1);
    }
}
