using System.Globalization;
using Hall.Store;
using Microsoft.Data.Sqlite;

namespace Hall.CounterMonitor.Cameras;

/// <summary>The cameras added on the admin page, in the monitor_cameras table. Each change also goes to the outbox.</summary>
public sealed class CameraStore(HallDatabase database)
{
    public IReadOnlyList<CameraDefinition> Load()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, source, role, counter, sample_rate, max_people, enabled FROM monitor_cameras ORDER BY id";
        using var reader = command.ExecuteReader();
        var cameras = new List<CameraDefinition>();
        while (reader.Read())
        {
            cameras.Add(new CameraDefinition
            {
                Id = reader.GetString(0),
                Source = reader.GetString(1),
                Role = reader.GetString(2) == "waiting-area" ? CameraRole.WaitingArea : CameraRole.Counter,
                Counter = reader.IsDBNull(3) ? null : reader.GetString(3),
                SampleRate = reader.GetDouble(4),
                MaxPeople = reader.GetInt32(5),
                Enabled = reader.GetInt64(6) != 0,
            });
        }

        return cameras;
    }

    /// <summary>Inserts or replaces the camera; false when <paramref name="mustBeNew"/> and the id is taken (nothing changed).</summary>
    public bool Save(CameraDefinition camera, bool mustBeNew, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(camera);
        using var connection = database.Open();
        using var tx = database.BeginWrite(connection);
        if (mustBeNew && Exists(tx.Transaction, camera.Id))
        {
            return false;
        }

        using var command = connection.CreateCommand();
        command.Transaction = tx.Transaction;
        command.CommandText = """
            INSERT INTO monitor_cameras(id, source, role, counter, sample_rate, max_people, enabled, updated_at)
            VALUES ($id, $source, $role, $counter, $rate, $max, $enabled, $at)
            ON CONFLICT(id) DO UPDATE SET source = excluded.source, role = excluded.role, counter = excluded.counter,
                sample_rate = excluded.sample_rate, max_people = excluded.max_people, enabled = excluded.enabled, updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$id", camera.Id);
        command.Parameters.AddWithValue("$source", camera.Source);
        command.Parameters.AddWithValue("$role", camera.Role == CameraRole.WaitingArea ? "waiting-area" : "counter");
        command.Parameters.AddWithValue("$counter", (object?)camera.Counter ?? DBNull.Value);
        command.Parameters.AddWithValue("$rate", camera.SampleRate);
        command.Parameters.AddWithValue("$max", camera.MaxPeople);
        command.Parameters.AddWithValue("$enabled", camera.Enabled ? 1 : 0);
        command.Parameters.AddWithValue("$at", now.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
        // The hub learns which counters are watched, never where from: the source (with its password) stays in the hall.
        Outbox.Append(tx.Transaction, "CameraChanged", HallJson.SerializeToString(new { camera.Id, camera.Role, camera.Counter, camera.Enabled, Removed = false }), now);
        tx.Commit();
        return true;
    }

    /// <summary>Removes the camera; false when there was none.</summary>
    public bool Delete(string id, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = database.BeginWrite(connection);
        using var command = connection.CreateCommand();
        command.Transaction = tx.Transaction;
        command.CommandText = "DELETE FROM monitor_cameras WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        if (command.ExecuteNonQuery() == 0)
        {
            return false;
        }

        Outbox.Append(tx.Transaction, "CameraChanged", HallJson.SerializeToString(new { Id = id, Removed = true }), now);
        tx.Commit();
        return true;
    }

    private static bool Exists(SqliteTransaction transaction, string id)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT 1 FROM monitor_cameras WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() is not null;
    }
}
