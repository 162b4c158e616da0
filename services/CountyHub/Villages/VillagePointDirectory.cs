using System.Data.Common;
using Hall.Contract;
using Hall.Contract.Downlink;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Storage;

namespace Hall.CountyHub.Villages;

/// <summary>
/// The county's village points per hall (table <c>village_points</c>): read by the pages and the figures, written by the
/// county admin's page, and read by the downlink when it makes a hall's config bundle (<see cref="ForBundleAsync"/>).
/// </summary>
public sealed class VillagePointDirectory
{
    private const string Columns = "box_id, village_id, name, items, active, updated_at, updated_by";
    private readonly HubDatabase _database;

    public VillagePointDirectory(HubDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
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

    /// <summary>The hall's active village points as its config bundle carries them, ordered by id.</summary>
    public async Task<IReadOnlyList<ConfigVillagePoint>> ForBundleAsync(string boxId, CancellationToken cancellationToken) =>
        (await ListAsync(boxId, cancellationToken)).Where(v => v.Active).Select(v => new ConfigVillagePoint(v.VillageId, v.Name, v.Items)).ToList();

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
    /// Adds or changes a village point (a retired one comes back active) and records it in the audit log, in one
    /// transaction. Returns the stored row.
    /// </summary>
    public async Task<VillagePointRecord> SaveAsync(string boxId, string villageId, string name, IReadOnlyList<string> items, HubUser by, HubAudit audit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(audit);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await HubDatabase.BeginWriteAsync(connection, cancellationToken);
        await using (var s = new Statements(connection, tx, _database.Dialect))
        {
            await s.ExecuteAsync("""
                INSERT INTO village_points(box_id, village_id, name, items, active, updated_at, updated_by) VALUES (@box, @id, @name, @items, @active, @at, @by)
                ON CONFLICT(box_id, village_id) DO UPDATE SET name = excluded.name, items = excluded.items, active = excluded.active,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, cancellationToken, ("@box", boxId), ("@id", villageId), ("@name", name), ("@items", HallJson.SerializeToString(items)), ("@active", true),
                ("@at", _database.Dialect.TimeValue(now)), ("@by", by.UserId));
            var what = items.Count == 0 ? "未登记代办事项" : "代办事项 " + string.Join("、", items);
            await audit.Record(s, by, "保存村级代办点", boxId, $"{villageId} {name}({what})", cancellationToken);
            await s.FlushAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return new VillagePointRecord(boxId, villageId, name, items, true, now, by.UserId);
    }

    /// <summary>
    /// Retires an active village point, with its audit record: it leaves the hall's bundle, its figures stay. False when
    /// there is none active (nothing changes, nothing is recorded).
    /// </summary>
    public async Task<bool> RetireAsync(string boxId, string villageId, HubUser by, HubAudit audit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(audit);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await HubDatabase.BeginWriteAsync(connection, cancellationToken);
        await using (var s = new Statements(connection, tx, _database.Dialect))
        {
            var changed = await s.ExecuteAsync(
                "UPDATE village_points SET active = @off, updated_at = @at, updated_by = @by WHERE box_id = @box AND village_id = @id AND active = @on",
                cancellationToken, ("@off", false), ("@at", _database.Dialect.TimeValue(now)), ("@by", by.UserId), ("@box", boxId), ("@id", villageId), ("@on", true));
            if (changed != 1)
            {
                return false;
            }

            await audit.Record(s, by, "停用村级代办点", boxId, villageId, cancellationToken);
            await s.FlushAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return true;
    }

    private VillagePointRecord Read(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        HallJson.Deserialize<List<string>>(r.GetString(3)) ?? [],
        Convert.ToBoolean(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
        _database.Dialect.ReadTime(r, 5),
        r.IsDBNull(6) ? null : r.GetString(6));

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
