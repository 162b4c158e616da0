using System.Globalization;
using Hall.Contract;
using Microsoft.Data.Sqlite;

namespace Hall.Store.Alerts;

/// <summary>The alert board's table: one row per condition, active until the same condition is cleared.</summary>
public static class AlertStore
{
    private const string UpsertSql = """
        INSERT INTO alerts(key, type, active, alert, raised_at, updated_at) VALUES ($k, $t, $a, $j, $u, $u)
        ON CONFLICT(key) DO UPDATE SET
            active = excluded.active,
            alert = CASE WHEN excluded.active = 1 OR alerts.active = 0 THEN excluded.alert ELSE alerts.alert END,
            raised_at = CASE WHEN excluded.active = 1 AND alerts.active = 0 THEN excluded.raised_at ELSE alerts.raised_at END,
            updated_at = excluded.updated_at
        """;

    private const string ActiveSql = "SELECT alert FROM alerts WHERE active = 1 ORDER BY raised_at";

    private const string ClearAllSql = "UPDATE alerts SET active = 0, updated_at = $u WHERE active = 1";

    /// <summary>What makes two alerts the same condition: the type and everything it names.</summary>
    public static string KeyOf(AlertMessage alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return string.Join('|', alert.Type, alert.Counter, alert.Category, alert.TicketNo, alert.DeviceId, alert.CameraId);
    }

    /// <summary>Records a raised or cleared alert in the writer's transaction.</summary>
    public static void Record(PreparedStatements statements, SqliteTransaction transaction, AlertMessage alert)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(alert);
        var command = statements.For(transaction, UpsertSql, "$k", "$t", "$a", "$j", "$u");
        command.Parameters[0].Value = KeyOf(alert);
        command.Parameters[1].Value = alert.Type;
        // A one-time alert (a bad review, a failed inspection) is news, not a condition that holds until cleared.
        command.Parameters[2].Value = alert.Active && AlertTypes.IsCondition(alert.Type) ? 1 : 0;
        command.Parameters[3].Value = HallJson.SerializeToString(alert);
        command.Parameters[4].Value = alert.Ts.ToString("O", CultureInfo.InvariantCulture);
        command.ExecuteNonQuery();
    }

    /// <summary>Every alert that holds now, oldest first.</summary>
    public static IReadOnlyList<AlertMessage> Active(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = PreparedStatements.Create(connection, ActiveSql);
        using var reader = command.ExecuteReader();
        var alerts = new List<AlertMessage>();
        while (reader.Read())
        {
            alerts.Add(HallJson.Deserialize<AlertMessage>(reader.GetString(0))!);
        }

        return alerts;
    }

    /// <summary>
    /// At start: every condition is forgotten, because each owner (the queue's supervisor, the cameras, the device
    /// watch) decides again from what it sees now and raises what still holds.
    /// </summary>
    public static int ClearAll(SqliteConnection connection, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = PreparedStatements.Create(connection, ClearAllSql, "$u");
        command.Parameters[0].Value = at.ToString("O", CultureInfo.InvariantCulture);
        return command.ExecuteNonQuery();
    }
}
