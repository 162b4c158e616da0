using Hall.Contract;
using Hall.Contract.Events;
using Hall.Store.Alerts;
using Microsoft.Data.Sqlite;

namespace Hall.Store.Writer;

/// <summary>
/// What a <see cref="WriteCommand"/> sees inside the write transaction: the transaction and the writer's prepared
/// statements, the time of its group, and the three ways to say what follows from it. Outbox rows are written in the
/// same transaction; events and publications are handed to the listeners only once the group has committed.
/// </summary>
public sealed class WriteContext
{
    private readonly List<HallEvent> _events = [];
    private readonly List<Publication> _publications = [];

    internal WriteContext(SqliteTransaction transaction, PreparedStatements statements, DateTimeOffset now)
    {
        Transaction = transaction;
        Statements = statements;
        Now = now;
    }

    public SqliteTransaction Transaction { get; }

    public SqliteConnection Connection => Transaction.Connection!;

    /// <summary>Statements prepared once on the writer's connection (see <see cref="PreparedStatements.For"/>).</summary>
    public PreparedStatements Statements { get; }

    /// <summary>The writer's clock reading for this group.</summary>
    public DateTimeOffset Now { get; }

    internal IReadOnlyList<HallEvent> Events => _events;

    internal IReadOnlyList<Publication> Publications => _publications;

    /// <summary>A domain event for the other services, after the commit; also an outbox row (its type's name) unless <paramref name="record"/> is false.</summary>
    public void Raise(HallEvent hallEvent, bool record = true)
    {
        ArgumentNullException.ThrowIfNull(hallEvent);
        if (record)
        {
            Record(hallEvent.GetType().Name, hallEvent, hallEvent.Ts);
        }

        if (hallEvent is AlertRaised raised)
        {
            // Every alert, whoever raised it, is on the board in the same transaction as the change that raised it.
            AlertStore.Record(Statements, Transaction, raised.Alert);
        }

        _events.Add(hallEvent);
    }

    /// <summary>An outbox row for the county hub, in this transaction. Returns its sequence number.</summary>
    public long Record(string type, object payload, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Outbox.Append(Statements, Transaction, type, HallJson.SerializeToString(payload), at);
    }

    /// <summary>A message for the hall's MQTT topics, sent after the commit in commit order.</summary>
    public void Publish(string topic, object payload, bool retain = false)
    {
        ArgumentNullException.ThrowIfNull(payload);
        _publications.Add(new Publication(topic, payload, retain));
    }

    internal void Reset()
    {
        _events.Clear();
        _publications.Clear();
    }
}
