using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Storage;

namespace Hall.CountyHub.Figures;

/// <summary>
/// 云踏勘 across the county: every verdict (table <c>inspection_verdicts</c>) newest first, and one verdict with its
/// signed evidence pack (table <c>evidence_packs</c>; the ingest verified its signature against the enrolled key).
/// A township user gets its hall's only.
/// </summary>
public sealed class InspectionList
{
    private const int Limit = 1000;

    private const string Columns = """
        v.box_id, COALESCE(b.hall_name, v.box_id), v.inspection_id, v.application_id, v.item_code, v.verdict, v.reasons, v.checked_at, v.verified, v.hall_day
        FROM inspection_verdicts v LEFT JOIN boxes b ON b.box_id = v.box_id
        """;

    private readonly HubDatabase _database;

    public InspectionList(HubDatabase database)
    {
        _database = database;
    }

    /// <param name="verdict">passed, failed, or null for both.</param>
    public async Task<IReadOnlyList<InspectionRow>> ReadAsync(HubUser viewer, string? boxId, string? verdict, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var box = viewer.OnlyBox ?? (string.IsNullOrWhiteSpace(boxId) ? null : boxId);
        if (box is not null && !viewer.CanSee(box))
        {
            return [];
        }

        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        if (box is not null)
        {
            where.Add("v.box_id = @box");
            parameters.Add(("@box", box));
        }

        if (verdict is "passed" or "failed")
        {
            where.Add("v.verdict = @verdict");
            parameters.Add(("@verdict", verdict));
        }

        var d = _database.Dialect;
        var rows = new List<InspectionRow>();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await HubDatabase.BeginReadAsync(connection, cancellationToken);
        await using var s = new Statements(connection, tx, d);
        await s.QueryAsync(
            "SELECT " + Columns + (where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where))
                + " ORDER BY v.hall_day DESC, v.checked_at DESC, v.inspection_id LIMIT " + Limit.ToString(CultureInfo.InvariantCulture),
            r => rows.Add(Read(r, d)), cancellationToken, [.. parameters]);
        return rows;
    }

    /// <summary>One verdict and the newest evidence pack the box sent for it; null when unknown or not the viewer's hall.</summary>
    public async Task<InspectionDetail?> FindAsync(HubUser viewer, string boxId, string inspectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.CanSee(boxId))
        {
            return null;
        }

        var d = _database.Dialect;
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await HubDatabase.BeginReadAsync(connection, cancellationToken);
        await using var s = new Statements(connection, tx, d);
        InspectionRow? verdict = null;
        await s.QueryAsync("SELECT " + Columns + " WHERE v.box_id = @box AND v.inspection_id = @id", r => verdict = Read(r, d), cancellationToken, ("@box", boxId), ("@id", inspectionId));
        if (verdict is null)
        {
            return null;
        }

        InspectionDetail? detail = null;
        await s.QueryAsync(
            "SELECT pack, key_id, algorithm, verified FROM evidence_packs WHERE box_id = @box AND inspection_id = @id ORDER BY epoch DESC, seq DESC LIMIT 1",
            r => detail = new InspectionDetail(verdict, Json(r.GetString(0)), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                Convert.ToBoolean(r.GetValue(3), CultureInfo.InvariantCulture)),
            cancellationToken, ("@box", boxId), ("@id", inspectionId));
        return detail ?? new InspectionDetail(verdict, null, null, null, false);
    }

    private static InspectionRow Read(DbDataReader r, SqlDialect d) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
        r.GetString(5) == "passed", r.IsDBNull(6) ? null : Json(r.GetString(6)), d.ReadTimeOrNull(r, 7),
        Convert.ToBoolean(r.GetValue(8), CultureInfo.InvariantCulture), r.GetString(9));

    private static JsonElement? Json(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
