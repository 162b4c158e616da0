using Microsoft.Data.Sqlite;

namespace Hall.Store;

/// <summary>
/// A write transaction holding the box's in-process write gate. SQLite allows one writer at a time;
/// without the gate a second writer would sleep in SQLite's busy handler (milliseconds at a time)
/// instead of starting the moment the first one commits.
/// </summary>
public sealed class WriteTransaction : IDisposable
{
    private readonly Lock _gate;
    private bool _disposed;

    internal WriteTransaction(Lock gate, SqliteTransaction transaction)
    {
        _gate = gate;
        Transaction = transaction;
    }

    public SqliteTransaction Transaction { get; }

    public void Commit() => Transaction.Commit();

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Transaction.Dispose();
        _gate.Exit();
    }
}
