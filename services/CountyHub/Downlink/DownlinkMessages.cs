using System.Globalization;
using System.Text.Json;
using Hall.Contract;
using Hall.Contract.Downlink;
using Hall.CountyHub.Storage;

namespace Hall.CountyHub.Downlink;

/// <summary>
/// Messages the hub queues for a box (table <c>downlink_messages</c>): enqueued by the county's pages (督办, 调取视频),
/// delivered to the box's poll after its cursor, marked delivered once the box polls past them (it stored them).
/// </summary>
public sealed class DownlinkMessages
{
    /// <summary>Most messages in one answer; the answer says when there are more.</summary>
    public const int PageSize = 100;

    private readonly HubDatabase _database;
    private readonly TimeProvider _time;

    public DownlinkMessages(HubDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>
    /// Queues a message of <paramref name="type"/> (one of <see cref="DownlinkMessageTypes"/>) for <paramref name="boxId"/>;
    /// <paramref name="data"/> is serialized as the contract's JSON. Null when no box of that id is enrolled.
    /// </summary>
    public async Task<DownlinkMessage?> EnqueueAsync(string boxId, string type, object data, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(data);
        if (!BoxIds.IsValid(boxId))
        {
            return null;
        }

        var d = _database.Dialect;
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await HubDatabase.BeginWriteAsync(connection, cancellationToken);
        await using var s = new Statements(connection, tx, d);

        // The box's row held (PostgreSQL; SQLite holds the write lock): two messages for one box never take one number.
        if (await BoxDirectory.FindAsync(s, boxId, cancellationToken, forUpdate: true) is null)
        {
            return null;
        }

        long last = 0;
        await s.QueryAsync(
            "SELECT MAX(msg_seq) FROM downlink_messages WHERE box_id = @box",
            r => last = r.IsDBNull(0) ? 0 : Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture),
            cancellationToken,
            ("@box", boxId));
        var now = _time.GetUtcNow();
        var cursor = last + 1;
        var json = data is JsonElement element ? element.GetRawText() : HallJson.SerializeToString(data);
        var message = new DownlinkMessage(string.Create(CultureInfo.InvariantCulture, $"{boxId}-{cursor}"), cursor, type, now, JsonDocument.Parse(json).RootElement.Clone());
        await s.ExecuteAsync(
            "INSERT INTO downlink_messages(box_id, msg_seq, message_id, type, queued_at, data) VALUES (@box, @seq, @id, @type, @at, @data)",
            cancellationToken,
            ("@box", boxId), ("@seq", cursor), ("@id", message.Id), ("@type", type), ("@at", d.TimeValue(now)), ("@data", json));
        await tx.CommitAsync(cancellationToken);
        return message;
    }

    /// <summary>
    /// Inside the poll's transaction: marks what the box has stored (up to <paramref name="after"/>) delivered and reads
    /// the next page after it.
    /// </summary>
    internal static async Task<(IReadOnlyList<DownlinkMessage> Messages, bool More)> DeliverAsync(Statements s, string boxId, long after, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await s.ExecuteAsync(
            "UPDATE downlink_messages SET delivered_at = @now WHERE box_id = @box AND msg_seq <= @after AND delivered_at IS NULL",
            cancellationToken,
            ("@now", s.Dialect.TimeValue(now)), ("@box", boxId), ("@after", after));
        var messages = new List<DownlinkMessage>();
        await s.QueryAsync(
            "SELECT message_id, msg_seq, type, queued_at, data FROM downlink_messages WHERE box_id = @box AND msg_seq > @after ORDER BY msg_seq LIMIT " + (PageSize + 1).ToString(CultureInfo.InvariantCulture),
            r =>
            {
                using var data = JsonDocument.Parse(r.GetString(4));
                messages.Add(new DownlinkMessage(r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), r.GetString(2), s.Dialect.ReadTime(r, 3), data.RootElement.Clone()));
            },
            cancellationToken,
            ("@box", boxId), ("@after", after));
        var more = messages.Count > PageSize;
        return (more ? messages[..PageSize] : messages, more);
    }

    /// <summary>A box's messages, newest first, with when each was delivered (null: not yet), for the county's pages.</summary>
    public async Task<IReadOnlyList<(DownlinkMessage Message, DateTimeOffset? DeliveredAt)>> ForBoxAsync(string boxId, int limit = 100, CancellationToken cancellationToken = default)
    {
        var list = new List<(DownlinkMessage, DateTimeOffset?)>();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await HubDatabase.BeginReadAsync(connection, cancellationToken);
        await using var s = new Statements(connection, tx, _database.Dialect);
        await s.QueryAsync(
            "SELECT message_id, msg_seq, type, queued_at, data, delivered_at FROM downlink_messages WHERE box_id = @box ORDER BY msg_seq DESC LIMIT " + Math.Clamp(limit, 1, 1000).ToString(CultureInfo.InvariantCulture),
            r =>
            {
                using var data = JsonDocument.Parse(r.GetString(4));
                list.Add((new DownlinkMessage(r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), r.GetString(2), s.Dialect.ReadTime(r, 3), data.RootElement.Clone()), s.Dialect.ReadTimeOrNull(r, 5)));
            },
            cancellationToken,
            ("@box", boxId));
        return list;
    }
}
