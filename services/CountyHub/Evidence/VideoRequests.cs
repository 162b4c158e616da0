using System.Globalization;
using System.Security.Cryptography;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Storage;
using static Hall.CountyHub.Storage.DbParameters;

namespace Hall.CountyHub.Evidence;

/// <summary>
/// The county's requests for inspection videos (table <c>video_requests</c>): made by staff, marked delivered when the
/// box's <c>VideoRequestReceived</c> arrives, gone when its <c>VideoGone</c> does; the upload moves the rest.
/// </summary>
public sealed class VideoRequests(HubDatabase database, TimeProvider time, HubAudit? audit = null)
{
    /// <summary>True when the hub holds a verdict of this inspection from this hall.</summary>
    public async Task<bool> InspectionExistsAsync(string boxId, string inspectionId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM inspection_verdicts WHERE box_id = @box AND inspection_id = @insp";
        AddText(command, "@box", boxId);
        AddText(command, "@insp", inspectionId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// A new request for the video of (<paramref name="boxId"/>, <paramref name="inspectionId"/>) with its audit record in
    /// one transaction, or the open one when the county already asked and the video is not gone: asking twice makes one
    /// request. <c>MessageId</c> is null until its downlink message is queued.
    /// </summary>
    public async Task<(string RequestId, bool Created, string? MessageId)> RequestAsync(HubUser? user, string boxId, string inspectionId, CancellationToken ct)
    {
        var d = database.Dialect;
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await HubDatabase.BeginWriteAsync(connection, ct);
        await using var s = new Statements(connection, tx, d);
        (string Id, string? Message)? open = null;
        await s.QueryAsync(
            "SELECT request_id, message_id FROM video_requests WHERE box_id = @box AND inspection_id = @insp AND state <> 'gone' ORDER BY requested_at DESC",
            r => open ??= (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)),
            ct,
            ("@box", boxId),
            ("@insp", inspectionId));
        if (open is { } found)
        {
            return (found.Id, false, found.Message);
        }

        var id = "v-" + RandomNumberGenerator.GetHexString(24, lowercase: true);
        var now = d.TimeValue(time.GetUtcNow());
        await s.ExecuteAsync(
            "INSERT INTO video_requests(request_id, box_id, inspection_id, requested_by, requested_at, state, received, discarded, updated_at) VALUES (@id, @box, @insp, @by, @now, 'requested', 0, 0, @now)",
            ct,
            ("@id", id),
            ("@box", boxId),
            ("@insp", inspectionId),
            ("@by", user?.Name),
            ("@now", now));
        if (user is not null && audit is not null)
        {
            await audit.Record(s, user, "调取视频", boxId, $"踏勘 {inspectionId} 的完整视频", ct);
            await s.FlushAsync(ct);
        }

        await tx.CommitAsync(ct);
        return (id, true, null);
    }

    /// <summary>The downlink message that carries the request (for the page's 已送达 once the box stored it).</summary>
    public async Task SentAsync(string requestId, string messageId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await HubDatabase.BeginWriteAsync(connection, ct);
        await using var s = new Statements(connection, tx, database.Dialect);
        await s.ExecuteAsync("UPDATE video_requests SET message_id = @m WHERE request_id = @id", ct, ("@m", messageId), ("@id", requestId));
        await tx.CommitAsync(ct);
    }

    /// <summary>Every request of a box (or of all boxes), newest first.</summary>
    public async Task<IReadOnlyList<VideoRequestView>> ListAsync(string? boxId, CancellationToken ct)
    {
        var d = database.Dialect;
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT request_id, box_id, inspection_id, requested_by, requested_at, state, delivered_at, size, received, completed_at
            FROM video_requests WHERE (@box IS NULL OR box_id = @box) ORDER BY requested_at DESC
            """;
        AddText(command, "@box", boxId);
        var list = new List<VideoRequestView>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new VideoRequestView(
                r.GetString(0),
                r.GetString(1),
                r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3),
                d.ReadTime(r, 4),
                r.GetString(5),
                d.ReadTimeOrNull(r, 6),
                r.IsDBNull(7) ? null : Convert.ToInt64(r.GetValue(7), CultureInfo.InvariantCulture),
                Convert.ToInt64(r.GetValue(8), CultureInfo.InvariantCulture),
                d.ReadTimeOrNull(r, 9)));
        }

        return list;
    }

    /// <summary>The stored file of a received video (relative to the data directory); null while it is not whole.</summary>
    public async Task<(string BoxId, string Path)?> ReceivedFileAsync(string requestId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT box_id, path FROM video_requests WHERE request_id = @id AND state = 'received' AND path IS NOT NULL";
        AddText(command, "@id", requestId);
        await using var r = await command.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetString(0), r.GetString(1)) : null;
    }
}

/// <summary>A video request as the 云踏勘 page shows it; <see cref="Percent"/> is how much of the video the hub holds.</summary>
public sealed record VideoRequestView(
    string RequestId,
    string BoxId,
    string InspectionId,
    string? RequestedBy,
    DateTimeOffset RequestedAt,
    string State,
    DateTimeOffset? DeliveredAt,
    long? Size,
    long Received,
    DateTimeOffset? CompletedAt)
{
    public int Percent => State == "received" ? 100 : Size is > 0 ? (int)(Received * 100 / Size.Value) : 0;
}
