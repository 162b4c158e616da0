using Microsoft.Data.Sqlite;

namespace Hall.Evaluation;

/// <summary>
/// One unit of work for the single writer: <see cref="Run"/> reads and writes inside the write transaction and returns
/// the reply (logged under the requestId when there is one) and what to publish once committed.
/// </summary>
internal sealed class EvaluationCommand(string name, string? deviceId, string? requestId, Func<SqliteTransaction, DateTimeOffset, EvaluationOutcome> run)
{
    public string Name { get; } = name;

    public string? DeviceId { get; } = deviceId;

    public string? RequestId { get; } = requestId;

    public Func<SqliteTransaction, DateTimeOffset, EvaluationOutcome> Run { get; } = run;

    /// <summary>Its place in the ordered post-commit stream.</summary>
    public PostCommit PostCommit { get; } = new();
}
