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

    /// <summary>
    /// What the public feed may carry of a message: never a staff member's sign-in id (a counter's state, the rating
    /// prompt): the name on the board is public, the id, one half of a sign-in, is not. Everything else as it is.
    /// </summary>
    public static string PublicJson(string topic, string json)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(json);
        if (!json.Contains("\"staffId\"", StringComparison.Ordinal))
        {
            return json;
        }

        try
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(json) is System.Text.Json.Nodes.JsonObject state)
            {
                state.Remove("staffId");
                return state.ToJsonString();
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not the box's own JSON: a stranger's page gets nothing of it.
        }

        return "null";
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
