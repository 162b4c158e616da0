using System.Data;
using System.Data.Common;

namespace Hall.CountyHub.Storage;

/// <summary>Parameters of a hand-written command, the same on SQLite and PostgreSQL (Statements does this for its own).</summary>
internal static class DbParameters
{
    public static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>A text that may be null: typed, so PostgreSQL knows what a null is.</summary>
    public static void AddText(DbCommand command, string name, string? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = DbType.String;
        parameter.Value = (object?)value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
