using System.Globalization;
using System.Security.Cryptography;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Storage;
using static Hall.CountyHub.Storage.DbParameters;

namespace Hall.CountyHub.Evidence;

/// <summary>
/// 督办 sent by the county (table <c>supervisions</c>): made by a supervisor or admin with its audit record in one
/// transaction, marked delivered and answered by the box's events (<see cref="EvidenceFacts"/>).
/// </summary>
public sealed class HubSupervisions(HubDatabase database, HubAudit audit, TimeProvider time)
{
    /// <summary>True when the hall has this bad-review case.</summary>
    public async Task<bool> CaseExistsAsync(string boxId, string caseId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM bad_review_cases WHERE box_id = @box AND case_id = @case";
        AddText(command, "@box", boxId);
        AddText(command, "@case", caseId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The hall's zone (as its box reported it), for reading a deadline typed in the hall's clock.</summary>
    public async Task<string?> TimeZoneAsync(string boxId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT time_zone FROM boxes WHERE box_id = @box";
        AddText(command, "@box", boxId);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    public async Task<string> CreateAsync(HubUser user, string boxId, string caseId, string text, DateTimeOffset deadline, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = "s-" + RandomNumberGenerator.GetHexString(24, lowercase: true);
        var d = database.Dialect;
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await HubDatabase.BeginWriteAsync(connection, ct);
        await using (var s = new Statements(connection, tx, d))
        {
            await s.ExecuteAsync(
                "INSERT INTO supervisions(supervision_id, box_id, case_id, text, deadline, sent_by, sent_at, state) VALUES (@id, @box, @case, @text, @deadline, @by, @now, 'sent')",
                ct,
                ("@id", id), ("@box", boxId), ("@case", caseId), ("@text", text), ("@deadline", d.TimeValue(deadline)), ("@by", user.Name), ("@now", d.TimeValue(time.GetUtcNow())));
            await audit.Record(s, user, "发送督办", boxId, $"差评案件 {caseId}:{text}(期限 {deadline:yyyy-MM-dd HH:mm})", ct);
            await s.FlushAsync(ct);
        }

        await tx.CommitAsync(ct);
        return id;
    }

    public async Task SentAsync(string supervisionId, string messageId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await HubDatabase.BeginWriteAsync(connection, ct);
        await using (var s = new Statements(connection, tx, database.Dialect))
        {
            await s.ExecuteAsync("UPDATE supervisions SET message_id = @m WHERE supervision_id = @id", ct, ("@m", messageId), ("@id", supervisionId));
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>The 督办 of the halls the user sees (one hall's when <paramref name="boxId"/> is given), newest first.</summary>
    public async Task<IReadOnlyList<SupervisionView>> ListAsync(HubUser user, string? boxId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var only = user.OnlyBox ?? boxId;
        var d = database.Dialect;
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT supervision_id, box_id, case_id, text, deadline, sent_by, sent_at, state, delivered_at, answered_by, answer_text, answered_at
            FROM supervisions WHERE (@box IS NULL OR box_id = @box) ORDER BY sent_at DESC
            """;
        AddText(command, "@box", only);
        await using var r = await command.ExecuteReaderAsync(ct);
        var list = new List<SupervisionView>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new SupervisionView(
                r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), d.ReadTime(r, 4), r.IsDBNull(5) ? null : r.GetString(5),
                d.ReadTime(r, 6), r.GetString(7), d.ReadTimeOrNull(r, 8), r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10),
                d.ReadTimeOrNull(r, 11)));
        }

        return list;
    }
}

/// <summary>A 督办 as the 差评回访 page shows it: sent, delivered (the box stored it), answered with the hall's answer.</summary>
public sealed record SupervisionView(
    string SupervisionId,
    string BoxId,
    string CaseId,
    string Text,
    DateTimeOffset Deadline,
    string? SentBy,
    DateTimeOffset SentAt,
    string State,
    DateTimeOffset? DeliveredAt,
    string? AnsweredBy,
    string? AnswerText,
    DateTimeOffset? AnsweredAt);
