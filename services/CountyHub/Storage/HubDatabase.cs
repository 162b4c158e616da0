using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hall.CountyHub.Storage;

/// <summary>
/// The hub's database: one SQLite file (WAL, synchronous=FULL: an answered batch survives a power cut) or a PostgreSQL
/// database through Npgsql's pooled data source. Callers see ADO.NET connections and the <see cref="Dialect"/>.
/// </summary>
public sealed class HubDatabase : IDisposable
{
    private readonly string? _sqliteConnectionString;
    private readonly NpgsqlDataSource? _postgres;

    private HubDatabase(SqlDialect dialect, string? sqliteConnectionString, NpgsqlDataSource? postgres, string where)
    {
        Dialect = dialect;
        _sqliteConnectionString = sqliteConnectionString;
        _postgres = postgres;
        Where = where;
    }

    public SqlDialect Dialect { get; }

    public DatabaseEngine Engine => Dialect.Engine;

    /// <summary>The file, or the host and database: for logs, never with a password.</summary>
    public string Where { get; }

    public static HubDatabase Sqlite(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        return new HubDatabase(new SqliteDialect(), connectionString, null, path);
    }

    public static HubDatabase Postgres(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);

        // The ingest runs the same few statements for every event: let Npgsql prepare them on the server.
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        var source = NpgsqlDataSource.Create(builder.ConnectionString);
        return new HubDatabase(new PostgresDialect(), null, source, $"{builder.Host}:{builder.Port}/{builder.Database}");
    }

    /// <summary>The database the settings name: <c>{DataDirectory}/hub.db</c>, or PostgreSQL.</summary>
    public static HubDatabase From(HubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Database == DatabaseEngine.Postgres
            ? Postgres(options.ConnectionString!)
            : Sqlite(Path.Combine(options.DataDirectory, "hub.db"));
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public DbConnection Open() => OpenAsync().GetAwaiter().GetResult();

    /// <summary>
    /// A write transaction. On SQLite <c>BeginTransaction</c> is BEGIN IMMEDIATE: the write lock is taken at once, so two
    /// writers never both read a mark and then collide on the upgrade.
    /// </summary>
    public static async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.BeginTransactionAsync(cancellationToken);
    }

    /// <summary>A read-only transaction: deferred on SQLite, so a reader never takes the write lock.</summary>
    public static async Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: true) : await connection.BeginTransactionAsync(cancellationToken);
    }

    public void Dispose() => _postgres?.Dispose();
}
