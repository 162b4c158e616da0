using Microsoft.Data.Sqlite;

namespace Hall.Store;

/// <summary>
/// Commands of one connection that are prepared once and run again and again: the writer runs the same few
/// statements for every request, and parsing them anew each time cost more than running them. Each command keeps
/// its parameters; the caller sets every value before running it. Not thread-safe, like the connection.
/// </summary>
public sealed class PreparedStatements : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public PreparedStatements(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>
    /// The command for <paramref name="sql"/> inside <paramref name="transaction"/>, with one parameter per name in
    /// <paramref name="parameterNames"/> (same order, so values may be set by position).
    /// </summary>
    public SqliteCommand For(SqliteTransaction transaction, string sql, params ReadOnlySpan<string> parameterNames)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (!ReferenceEquals(transaction.Connection, Connection))
        {
            throw new InvalidOperationException("The transaction belongs to another connection than these prepared statements.");
        }

        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Create(Connection, sql, parameterNames);
            _commands[sql] = command;
        }

        command.Transaction = transaction;
        return command;
    }

    /// <summary>A one-off command with named parameters, for callers without prepared statements.</summary>
    public static SqliteCommand Create(SqliteConnection connection, string sql, params ReadOnlySpan<string> parameterNames)
    {
        ArgumentNullException.ThrowIfNull(connection);
#pragma warning disable CA2100 // The text is one of the store's own constant statements; values go in parameters.
        var command = connection.CreateCommand();
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
