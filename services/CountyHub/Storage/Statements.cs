using System.Data.Common;
using Npgsql;

namespace Hall.CountyHub.Storage;

/// <summary>
/// The statements of one transaction. SQLite: each statement is prepared once per connection and run at once (it is in
/// process: a round trip costs nothing). PostgreSQL: statements added with <see cref="AddAsync"/> wait in an
/// <see cref="NpgsqlBatch"/> and go in one round trip (at <see cref="FlushAsync"/> or every <see cref="BatchSize"/>).
/// Parameters are named <c>@name</c> on both. Not thread-safe, like the connection.
/// </summary>
public sealed class Statements : IAsyncDisposable
{
    public const int BatchSize = 500;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly Dictionary<string, DbCommand> _prepared = new(StringComparer.Ordinal);
    private readonly List<NpgsqlBatchCommand> _counted = [];
    private NpgsqlBatch? _batch;

    public Statements(DbConnection connection, DbTransaction transaction, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(dialect);
        _connection = connection;
        _transaction = transaction;
        Dialect = dialect;
    }

    public SqlDialect Dialect { get; }

    /// <summary>Rows changed by the statements added with <c>counted: true</c> that have run.</summary>
    public long CountedRows { get; private set; }

    /// <summary>Runs a statement now (after what waits in the batch) and returns the rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await FlushAsync(cancellationToken);
        return await Command(sql, parameters).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs a query now and hands each row to <paramref name="row"/>.</summary>
    public async Task QueryAsync(string sql, Action<DbDataReader> row, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(row);
        await FlushAsync(cancellationToken);
        await using var reader = await Command(sql, parameters).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    /// <summary>A statement whose result is not needed at once: run now on SQLite, batched on PostgreSQL.</summary>
    public async ValueTask AddAsync(string sql, bool counted, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        if (_connection is not NpgsqlConnection npgsql)
        {
            // SQLite runs in process and its async calls run synchronously anyway: spare the task per statement.
            cancellationToken.ThrowIfCancellationRequested();
            var rows = Command(sql, parameters).ExecuteNonQuery();
            if (counted)
            {
                CountedRows += rows;
            }

            return;
        }

        _batch ??= new NpgsqlBatch(npgsql, (NpgsqlTransaction)_transaction);
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        }

        _batch.BatchCommands.Add(command);
        if (counted)
        {
            _counted.Add(command);
        }

        if (_batch.BatchCommands.Count >= BatchSize)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Sends what waits in the batch (PostgreSQL).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch is null || _batch.BatchCommands.Count == 0)
        {
            return;
        }

        await _batch.ExecuteNonQueryAsync(cancellationToken);
        CountedRows += _counted.Sum(c => (long)c.RecordsAffected);
        _counted.Clear();
        await _batch.DisposeAsync();
        _batch = null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _prepared.Values)
        {
            await command.DisposeAsync();
        }

        _prepared.Clear();
        if (_batch is not null)
        {
            await _batch.DisposeAsync();
        }
    }

    private DbCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
#pragma warning disable CA2100 // The text is one of the hub's own constant statements; values go in parameters.
            command = _connection.CreateCommand();
            command.CommandText = sql;
#pragma warning restore CA2100
            command.Transaction = _transaction;
            foreach (var (name, _) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            _prepared[sql] = command;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }
}
