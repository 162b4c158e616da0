using System.Globalization;
using Hall.Contract;
using Hall.Contract.Evidence;
using Hall.Store;
using Hall.Store.Writer;
using Microsoft.Data.Sqlite;

namespace Hall.Evaluation.CountySupervision;

/// <summary>
/// 督办 on the box (table <c>evaluation_supervisions</c>, owned by 好差评 beside its cases): stored when the county's
/// message arrives, shown on the console's 差评回访 tab, answered once by a duty manager. Each change and its outbox event
/// (<c>SupervisionReceived</c>, <c>SupervisionAnswered</c>) commit together through the command writer.
/// </summary>
public sealed class Supervisions(HallDatabase database, CommandWriter writer, HallClock clock)
{
    /// <summary>Stores a 督办 once (by its id); a message handed again changes nothing.</summary>
    public async Task StoreAsync(string messageId, (string Id, string CaseId, string Text, DateTimeOffset Deadline, string? SentBy) s, DateTimeOffset? sentAt, CancellationToken ct)
    {
        var now = clock.Now();
        await writer.SubmitAsync(
            new DelegateCommand("supervision", context =>
            {
                var inserted = Execute(context, """
                    INSERT INTO evaluation_supervisions(supervision_id, case_id, message_id, text, deadline, sent_by, sent_at, received_at)
                    VALUES ($id, $case, $msg, $text, $deadline, $by, $sent, $now) ON CONFLICT(supervision_id) DO NOTHING
                    """, ("$id", s.Id), ("$case", s.CaseId), ("$msg", messageId), ("$text", s.Text), ("$deadline", Iso(s.Deadline)),
                    ("$by", s.SentBy), ("$sent", sentAt is { } at ? Iso(at) : null), ("$now", Iso(now)));
                if (inserted == 1)
                {
                    context.Record(EvidenceEvents.SupervisionReceived, new { supervisionId = s.Id, caseId = s.CaseId, messageId, ts = now }, now);
                }

                return null;
            }),
            ct).ConfigureAwait(false);
    }

    /// <summary>Every 督办, newest first.</summary>
    public IReadOnlyList<Supervision> List()
    {
        using var connection = database.Open();
        return Read(connection, null);
    }

    public Supervision? Find(string supervisionId)
    {
        using var connection = database.Open();
        return Read(connection, supervisionId).FirstOrDefault();
    }

    /// <summary>Answers a 督办 once: the answer and its event upward, in one transaction. Refused with a reason otherwise.</summary>
    public async Task<(Supervision? Answered, ErrorBody? Error)> AnswerAsync(string supervisionId, string staffId, string? staffName, string? text, CancellationToken ct)
    {
        var result = await writer.SubmitAsync(
            new DelegateCommand("supervision-answer", context =>
            {
                var current = Read(context.Connection, supervisionId, context.Transaction).FirstOrDefault();
                if (SupervisionRules.CheckAnswer(current, text) is { } error)
                {
                    return error;
                }

                var now = context.Now;
                var answer = text!.Trim();
                Execute(context, """
                    UPDATE evaluation_supervisions SET answered_by = $by, answered_by_name = $name, answer_text = $text, answered_at = $now
                    WHERE supervision_id = $id AND answered_at IS NULL
                    """, ("$by", staffId), ("$name", staffName), ("$text", answer), ("$now", Iso(now)), ("$id", supervisionId));
                context.Record(EvidenceEvents.SupervisionAnswered, new
                {
                    supervisionId,
                    caseId = current!.CaseId,
                    answeredBy = staffName is null ? staffId : $"{staffName}({staffId})",
                    text = answer,
                    answeredAt = now,
                    ts = now,
                }, now);
                return current with { AnsweredBy = staffId, AnsweredByName = staffName, AnswerText = answer, AnsweredAt = now };
            }),
            ct).ConfigureAwait(false);
        return result is ErrorBody refused ? (null, refused) : ((Supervision)result!, null);
    }

    private static List<Supervision> Read(SqliteConnection connection, string? id, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            SELECT supervision_id, case_id, text, deadline, sent_by, sent_at, received_at, answered_by, answered_by_name, answer_text, answered_at
            FROM evaluation_supervisions WHERE $id IS NULL OR supervision_id = $id ORDER BY received_at DESC
            """;
        command.Parameters.AddWithValue("$id", (object?)id ?? DBNull.Value);
        using var r = command.ExecuteReader();
        var list = new List<Supervision>();
        while (r.Read())
        {
            list.Add(new Supervision(
                r.GetString(0), r.GetString(1), r.GetString(2), Parse(r.GetString(3)), Opt(r, 4), r.IsDBNull(5) ? null : Parse(r.GetString(5)),
                Parse(r.GetString(6)), Opt(r, 7), Opt(r, 8), Opt(r, 9), r.IsDBNull(10) ? null : Parse(r.GetString(10))));
        }

        return list;
    }

    private static string? Opt(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static int Execute(WriteContext context, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = context.Connection.CreateCommand();
        command.Transaction = context.Transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    private static string Iso(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
