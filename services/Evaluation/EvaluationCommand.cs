using Hall.Store.Writer;
using Microsoft.Data.Sqlite;

namespace Hall.Evaluation;

/// <summary>
/// One unit of work for the box's writer: <see cref="Run"/> reads and writes inside the write transaction and returns
/// the reply (logged under the requestId when there is one) and what to publish once committed.
/// </summary>
internal sealed class EvaluationCommand(EvaluationService evaluation, string name, string? deviceId, string? requestId, Func<SqliteTransaction, DateTimeOffset, EvaluationOutcome> run)
    : WriteCommand(name, deviceId, requestId)
{
    public Func<SqliteTransaction, DateTimeOffset, EvaluationOutcome> Run { get; } = run;

    public override object? Apply(WriteContext context) => evaluation.Apply(context, this);

    public override object ReadLoggedReply(string json) => EvaluationService.ParseReply(json);
}
