namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// What a person would notice changed in a box: tickets issued, ratings and 差评 cases, counters' states, staff, devices,
/// uploads and applications. Two equal snapshots mean a refused request changed nothing.
/// </summary>
internal static class BoxState
{
    private static readonly string[] Queries =
    [
        "SELECT COUNT(*) FROM queue_tickets",
        "SELECT COUNT(*) FROM evaluation_ratings",
        "SELECT COUNT(*) FROM evaluation_cases",
        "SELECT group_concat(coalesce(status, '') || ':' || coalesce(staff_id, '') || ':' || coalesce(current_ticket, ''), ',') FROM (SELECT * FROM queue_counters ORDER BY id)",
        "SELECT COUNT(*) FROM staff",
        "SELECT group_concat(device_id || ':' || coalesce(revoked_at, ''), ',') FROM (SELECT * FROM devices ORDER BY device_id)",
        "SELECT COUNT(*) FROM inspection_uploads",
        "SELECT COUNT(*) FROM inspection_applications",
    ];

    public static string Snapshot(BoxProcess box)
    {
        using var connection = box.Database.Open();
        return string.Join(" | ", Queries.Select(sql =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }));
    }
}
