using System.Data.Common;
using Hall.Contract;
using Hall.Contract.Downlink;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Downlink;
using Hall.CountyHub.Storage;
using static Hall.CountyHub.Storage.DbParameters;

namespace Hall.CountyHub.Villages;

/// <summary>
/// The county's village points per hall. What the box gets is the list in the county configuration version
/// (<see cref="CountyConfig.HallVillagePoints"/>); the table <c>village_points</c> beside it keeps every point ever listed,
/// retired ones too, so figures keep their names and the page shows who changed what. Both change in one transaction.
/// </summary>
public sealed class VillagePointDirectory
{
    private const string Columns = "box_id, village_id, name, items, active, updated_at, updated_by";
    private readonly HubDatabase _database;
    private readonly ConfigVersions _versions;

    public VillagePointDirectory(HubDatabase database, ConfigVersions versions)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _versions = versions;
    }

    /// <summary>Every village point of every hall, or of <paramref name="boxId"/> only, retired ones too.</summary>
    public async Task<IReadOnlyList<VillagePointRecord>> ListAsync(string? boxId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM village_points" + (boxId is null ? string.Empty : " WHERE box_id = @box") + " ORDER BY box_id, village_id";
        if (boxId is not null)
        {
            Add(command, "@box", boxId);
        }

        var list = new List<VillagePointRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    /// <summary>True when a box with this id is enrolled at the hub (revoked ones too: their village points stay readable).</summary>
    public async Task<bool> HallExistsAsync(string boxId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM boxes WHERE box_id = @box";
        Add(command, "@box", boxId);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>
    /// Adds or changes a village point (a retired one comes back active): a new county configuration version whose list
    /// for this hall carries it down to the box, the table row and the audit record, all in one transaction.
    /// </summary>
    public Task<VillageChange> SaveAsync(string boxId, string villageId, string name, IReadOnlyList<string> items, HubUser by, HubAudit audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(audit);
        var point = new ConfigVillagePoint(villageId, name, items);
        var what = items.Count == 0 ? "未登记代办事项" : "代办事项 " + string.Join("、", items);
        return PublishAsync(
            boxId,
            list => [.. list.Where(p => p.Id != villageId), point],
            $"{boxId} 村级代办点:保存 {villageId} {name}",
            by,
            async (s, now, ct) =>
            {
                await s.ExecuteAsync("""
                    INSERT INTO village_points(box_id, village_id, name, items, active, updated_at, updated_by) VALUES (@box, @id, @name, @items, @active, @at, @by)
                    ON CONFLICT(box_id, village_id) DO UPDATE SET name = excluded.name, items = excluded.items, active = excluded.active,
                        updated_at = excluded.updated_at, updated_by = excluded.updated_by
                    """, ct, ("@box", boxId), ("@id", villageId), ("@name", name), ("@items", HallJson.SerializeToString(items)), ("@active", true),
                    ("@at", _database.Dialect.TimeValue(now)), ("@by", by.UserId));
                await audit.Record(s, by, "保存村级代办点", boxId, $"{villageId} {name}({what})", ct);
                return new VillagePointRecord(boxId, villageId, name, items, true, now, by.UserId);
            },
            cancellationToken);
    }

    /// <summary>
    /// Retires an active village point: a new version without it (the box stops enrolling devices under it), the row
    /// kept inactive so its figures keep their name, and the audit record. An error when there is none active.
    /// </summary>
    public async Task<VillageChange> RetireAsync(string boxId, string villageId, HubUser by, HubAudit audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(audit);
        if (!(await ListAsync(boxId, cancellationToken)).Any(p => p.VillageId == villageId && p.Active))
        {
            return new VillageChange(null, null, new ErrorBody(ErrorCodes.UnknownVillage, $"该便民服务中心没有在用的代办点 {villageId},请刷新页面后再试。"));
        }

        return await PublishAsync(
            boxId,
            list => [.. list.Where(p => p.Id != villageId)],
            $"{boxId} 村级代办点:停用 {villageId}",
            by,
            async (s, now, ct) =>
            {
                await s.ExecuteAsync(
                    "UPDATE village_points SET active = @off, updated_at = @at, updated_by = @by WHERE box_id = @box AND village_id = @id",
                    ct, ("@off", false), ("@at", _database.Dialect.TimeValue(now)), ("@by", by.UserId), ("@box", boxId), ("@id", villageId));
                await audit.Record(s, by, "停用村级代办点", boxId, villageId, ct);
                return null;
            },
            cancellationToken);
    }

    /// <summary>
    /// Publishes the latest county configuration with this hall's list changed, and the rows alongside in its transaction.
    /// Another admin's version published in between is read again and the change made on it, never overwritten.
    /// </summary>
    private async Task<VillageChange> PublishAsync(
        string boxId,
        Func<IReadOnlyList<ConfigVillagePoint>, IReadOnlyList<ConfigVillagePoint>> change,
        string note,
        HubUser by,
        Func<Statements, DateTimeOffset, CancellationToken, Task<VillagePointRecord?>> rows,
        CancellationToken cancellationToken)
    {
        VillagePointRecord? point = null;
        var result = await _versions.PublishOnLatestAsync(
            config =>
            {
                var halls = new Dictionary<string, IReadOnlyList<ConfigVillagePoint>>(config.HallVillagePoints, StringComparer.Ordinal);
                var changed = change(halls.TryGetValue(boxId, out var list) ? list : []).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
                if (changed.Count == 0)
                {
                    halls.Remove(boxId);
                }
                else
                {
                    halls[boxId] = changed;
                }

                return config with { HallVillagePoints = halls };
            },
            note,
            by.UserId,
            async (s, version) => point = await rows(s, version.PublishedAt, cancellationToken),
            cancellationToken);
        return result.Published is { } published ? new VillageChange(published.Version, point, null) : new VillageChange(null, null, result.Error);
    }

    private VillagePointRecord Read(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        HallJson.Deserialize<List<string>>(r.GetString(3)) ?? [],
        Convert.ToBoolean(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
        _database.Dialect.ReadTime(r, 5),
        r.IsDBNull(6) ? null : r.GetString(6));
}
