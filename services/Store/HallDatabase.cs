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
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            // A directory the box makes is its own alone; one that exists (/var/lib/hall from the installer, a test's
            // temporary folder) keeps the mode it was given.
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        KeepPrivate(path);

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
    /// The store holds camera URLs, link keys and hashes of every secret: the database file is 0600 from its first byte
    /// (SQLite gives its -wal and -shm files the database's mode).
    /// </summary>
    private static void KeepPrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            if (File.Exists(path))
            {
                File.SetUnixFileMode(path, OwnerOnly);
            }
            else
            {
                // An empty file is an empty SQLite database; made here so it is never readable by others, not even briefly.
                using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
        }
    }

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
