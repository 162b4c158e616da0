using System.Globalization;
using Hall.CountyHub.Storage;

namespace Hall.CountyHub.Auth;

/// <summary>
/// The audit log (审计日志): who changed what, when, and for which hall. Every change a county user makes is recorded
/// here; a change and its record go in one transaction where the change is the hub's own (<see cref="Record"/>).
/// Read on the /audit page.
/// </summary>
public sealed class HubAudit
{
    private const string Insert = """
        INSERT INTO hub_audit(audit_id, at, user_id, user_name, role, action, box_id, detail)
        VALUES (@id, @at, @user, @name, @role, @action, @box, @detail)
        """;

    private readonly HubDatabase _database;
    private readonly TimeProvider _time;

    // Orders entries of the same instant (and of a test's frozen clock) as they were recorded.
    private long _sequence;

    public HubAudit(HubDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Records one change in its own transaction. <paramref name="action"/> is a short Chinese verb phrase (发送督办).</summary>
    public async Task RecordAsync(HubUser user, string action, string? boxId, string detail, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await HubDatabase.BeginWriteAsync(connection, cancellationToken);
        await using (var statements = new Statements(connection, tx, _database.Dialect))
        {
            await Record(statements, user, action, boxId, detail, cancellationToken);
            await statements.FlushAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Records one change inside the caller's transaction, so the change and its record commit together.</summary>
    public ValueTask Record(Statements statements, HubUser user, string action, string? boxId, string detail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(user);
        var now = _time.GetUtcNow();
        return statements.AddAsync(Insert, false, cancellationToken,
            ("@id", Id(now)), ("@at", statements.Dialect.TimeValue(now)), ("@user", user.UserId), ("@name", user.Name),
            ("@role", HubRoles.Name(user.Role)), ("@action", action), ("@box", boxId), ("@detail", detail));
    }

    /// <summary>An id that sorts as the entries were recorded: UTC ticks, this hub's sequence, a random tail against a clash.</summary>
    private string Id(DateTimeOffset now) => string.Create(
        CultureInfo.InvariantCulture,
        $"{now.UtcTicks:D19}-{Interlocked.Increment(ref _sequence) % 100_000_000:D8}-{Random.Shared.Next(0x10000):x4}");

    /// <summary>The newest entries first, at most <paramref name="limit"/>, optionally of one hall; a township user sees its hall's only.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(HubUser viewer, string? boxId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var only = viewer.OnlyBox ?? boxId;
        if (only is not null && !viewer.CanSee(only))
        {
            return [];
        }

        var d = _database.Dialect;
        var entries = new List<AuditEntry>();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await HubDatabase.BeginReadAsync(connection, cancellationToken);
        await using var statements = new Statements(connection, tx, d);
        await statements.QueryAsync(
            "SELECT audit_id, at, user_id, user_name, role, action, box_id, detail FROM hub_audit"
                + (only is null ? string.Empty : " WHERE box_id = @box")
                + " ORDER BY audit_id DESC LIMIT " + Math.Clamp(limit, 1, 1000).ToString(CultureInfo.InvariantCulture),
            r => entries.Add(new AuditEntry(
                r.GetString(0), d.ReadTime(r, 1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7))),
            cancellationToken,
            only is null ? [] : [("@box", only)]);
        return entries;
    }
}
