using Microsoft.Data.Sqlite;

namespace Hall.Store;

/// <summary>
/// The box's one SQLite file. WAL so that pages and the writer do not block each other;
/// synchronous=FULL so that a commit acknowledged to a device survives a power cut.
/// </summary>
public sealed class HallDatabase
{
    private readonly string _connectionString;
    private readonly Lock _writeGate = new();

    public HallDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>
    /// Begins a write transaction (BEGIN IMMEDIATE) once no other writer in this process holds one.
    /// Every writer of the box goes through here; the caller must dispose it on the same thread.
    /// </summary>
    public WriteTransaction BeginWrite(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _writeGate.Enter();
        try
        {
            return new WriteTransaction(_writeGate, connection.BeginTransaction(deferred: false));
        }
        catch
        {
            _writeGate.Exit();
            throw;
        }
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
