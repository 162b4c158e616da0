using System.Globalization;
using Hall.Contract;
using Hall.Contract.Downlink;
using Microsoft.Data.Sqlite;

namespace Hall.DeviceRegistry;

/// <summary>
/// The village_points table: fixed statements, values as parameters. Public so that the downlink's apply can replace the
/// county's list inside its own transaction (all of a config version or none of it).
/// </summary>
public static class VillagePointStore
{
    private const string UpsertSql = """
        INSERT INTO village_points(village_id, name, items, source, updated_at) VALUES ($id, $name, $items, $source, $at)
        ON CONFLICT(village_id) DO UPDATE SET name = $name, items = $items, source = $source, updated_at = $at
        """;

    public static IReadOnlyList<ConfigVillagePoint> List(SqliteConnection connection, SqliteTransaction? tx = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT village_id, name, items FROM village_points ORDER BY village_id";
        using var reader = command.ExecuteReader();
        var list = new List<ConfigVillagePoint>();
        while (reader.Read())
        {
            list.Add(new ConfigVillagePoint(reader.GetString(0), reader.GetString(1), HallJson.Deserialize<List<string>>(reader.GetString(2)) ?? []));
        }

        return list;
    }

    public static bool Exists(SqliteConnection connection, SqliteTransaction tx, string villageId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT 1 FROM village_points WHERE village_id = $id";
        command.Parameters.AddWithValue("$id", villageId);
        return command.ExecuteScalar() is not null;
    }

    public static void Save(SqliteConnection connection, SqliteTransaction tx, ConfigVillagePoint village, string source, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(village);
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = UpsertSql;
        command.Parameters.AddWithValue("$id", village.Id);
        command.Parameters.AddWithValue("$name", village.Name);
        command.Parameters.AddWithValue("$items", HallJson.SerializeToString(village.Items));
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    public static bool Remove(SqliteConnection connection, SqliteTransaction tx, string villageId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "DELETE FROM village_points WHERE village_id = $id";
        command.Parameters.AddWithValue("$id", villageId);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>
    /// The county's list becomes the box's: every point on it saved, every point not on it removed (a local one too: once
    /// the county keeps the list, it is the one truth). Devices enrolled under a removed point keep their id, so what they
    /// already counted stays that village's; they can no longer be enrolled anew under it.
    /// </summary>
    public static void ReplaceWithCountyList(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<ConfigVillagePoint> villages, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(villages);
        foreach (var old in List(connection, tx))
        {
            if (!villages.Any(v => v.Id == old.Id))
            {
                Remove(connection, tx, old.Id);
            }
        }

        foreach (var village in villages)
        {
            Save(connection, tx, village, "county", at);
        }
    }
}
