using System.Globalization;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Storage;

namespace Hall.CountyHub.Figures;

/// <summary>
/// 差评回访 across the county: every bad-review case the boxes reported (table <c>bad_review_cases</c>, the newest state
/// of each by hybrid time), with its hall and overdue mark, newest first. A township user gets its hall's only.
/// </summary>
public sealed class CaseList
{
    /// <summary>The states a case is finished in.</summary>
    public static readonly IReadOnlyList<string> FinishedStates = ["closed", "appeal-accepted"];

    /// <summary>Every state a box reports, in the order a case goes through them.</summary>
    public static readonly IReadOnlyList<string> States = ["open", "called-back", "rectified", "appealed", "closed", "appeal-accepted"];

    private const int Limit = 1000;

    private readonly HubDatabase _database;
    private readonly TimeProvider _time;

    public CaseList(HubDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>The same overdue rule as the box's (BadReviewCase.IsOverdueAt), or the box's own mark.</summary>
    public static string OverdueSql => "(c.state IN ('open', 'called-back') AND ((c.state = 'open' AND c.callback_due < @now) OR c.rectify_due < @now OR c.overdue = @yes))";

    public async Task<IReadOnlyList<CaseRow>> ReadAsync(HubUser viewer, CaseFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(filter);
        var box = viewer.OnlyBox ?? (string.IsNullOrWhiteSpace(filter.BoxId) ? null : filter.BoxId);
        if (box is not null && !viewer.CanSee(box))
        {
            return [];
        }

        var where = new List<string>();
        var parameters = new List<(string, object?)> { ("@now", _database.Dialect.TimeValue(_time.GetUtcNow())), ("@yes", true) };
        if (box is not null)
        {
            where.Add("c.box_id = @box");
            parameters.Add(("@box", box));
        }

        if (filter.State == "open")
        {
            where.Add("c.state NOT IN ('closed', 'appeal-accepted')");
        }
        else if (filter.State is { } state && States.Contains(state))
        {
            where.Add("c.state = @state");
            parameters.Add(("@state", state));
        }

        if (filter.OverdueOnly)
        {
            where.Add(OverdueSql);
        }

        var d = _database.Dialect;
        var sql = $"""
            SELECT c.box_id, COALESCE(b.hall_name, c.box_id), c.case_id, c.ticket_no, c.counter, c.staff_id, c.level, c.state,
                CASE WHEN {OverdueSql} THEN 1 ELSE 0 END, c.opened_at, c.callback_due, c.rectify_due, c.last_action, c.updated_at
            FROM bad_review_cases c LEFT JOIN boxes b ON b.box_id = c.box_id
            {(where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where))}
            ORDER BY c.opened_at DESC, c.box_id, c.case_id LIMIT {Limit.ToString(CultureInfo.InvariantCulture)}
            """;
        var rows = new List<CaseRow>();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await HubDatabase.BeginReadAsync(connection, cancellationToken);
        await using var s = new Statements(connection, tx, d);
        await s.QueryAsync(sql, r => rows.Add(new CaseRow(
            r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
            r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : Convert.ToInt32(r.GetValue(6), CultureInfo.InvariantCulture), r.GetString(7),
            Convert.ToInt32(r.GetValue(8), CultureInfo.InvariantCulture) == 1, d.ReadTimeOrNull(r, 9), d.ReadTimeOrNull(r, 10), d.ReadTimeOrNull(r, 11),
            r.IsDBNull(12) ? null : r.GetString(12), d.ReadTime(r, 13))), cancellationToken, [.. parameters]);
        return rows;
    }
}
