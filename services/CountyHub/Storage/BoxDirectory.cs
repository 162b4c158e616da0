using System.Data.Common;
using System.Globalization;
using Hall.Contract.Identity;

namespace Hall.CountyHub.Storage;

/// <summary>Enrolled boxes: enroll (or replace a key), revoke, list, find. Used by the ingest and by <c>hallctl hub</c>.</summary>
public sealed class BoxDirectory
{
    private const string SelectColumns =
        "SELECT box_id, public_key, key_id, enrolled_at, revoked_at, last_nonce, hall_name, time_zone, current_epoch, last_contact_at, last_batch_at, last_skew_ms FROM boxes";

    private readonly HubDatabase _database;
    private readonly TimeProvider _time;

    public BoxDirectory(HubDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>
    /// Enrolls <paramref name="boxId"/> with its public key (SubjectPublicKeyInfo, base 64). With <paramref name="replace"/>
    /// an enrolled box gets the new key, is un-revoked and its nonce starts again (the old key's requests fail anyway).
    /// </summary>
    public async Task<BoxRecord> EnrollAsync(string boxId, string publicKey, bool replace, CancellationToken cancellationToken = default)
    {
        if (!BoxIds.IsValid(boxId))
        {
            throw new BoxEnrollmentException($"盒子编号 '{boxId}' 不合规:请用 1–32 个字母、数字或 '-'(即盒子的 Box:HallId)");
        }

        var keyId = BoxKey.KeyIdOf(publicKey ?? string.Empty)
            ?? throw new BoxEnrollmentException("公钥不对:应是盒子的 ECDSA P-256 公钥(base64),在盒子上用 hallctl box key 或 hallctl box init 打印");
        var d = _database.Dialect;
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await HubDatabase.BeginWriteAsync(connection, cancellationToken);
        await using var statements = new Statements(connection, tx, d);
        var existing = await FindAsync(statements, boxId, cancellationToken);
        if (existing is not null && !replace)
        {
            throw new BoxEnrollmentException($"盒子 {boxId} 已登记(密钥 {existing.KeyId});要换成新公钥请加 --replace");
        }

        var now = _time.GetUtcNow();
        if (existing is null)
        {
            await statements.ExecuteAsync(
                "INSERT INTO boxes(box_id, public_key, key_id, enrolled_at, last_nonce) VALUES (@box, @key, @kid, @at, 0)",
                cancellationToken,
                ("@box", boxId), ("@key", publicKey), ("@kid", keyId), ("@at", d.TimeValue(now)));
        }
        else
        {
            await statements.ExecuteAsync(
                "UPDATE boxes SET public_key = @key, key_id = @kid, enrolled_at = @at, revoked_at = NULL, last_nonce = 0 WHERE box_id = @box",
                cancellationToken,
                ("@key", publicKey), ("@kid", keyId), ("@at", d.TimeValue(now)), ("@box", boxId));
            await statements.ExecuteAsync("DELETE FROM box_channel_nonces WHERE box_id = @box", cancellationToken, ("@box", boxId));
        }

        var record = (await FindAsync(statements, boxId, cancellationToken))!;
        await tx.CommitAsync(cancellationToken);
        return record;
    }

    /// <summary>Revokes a box: its requests are refused from now on (403 sync-box-revoked). False when no such box.</summary>
    public async Task<bool> RevokeAsync(string boxId, CancellationToken cancellationToken = default)
    {
        if (!BoxIds.IsValid(boxId))
        {
            return false;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await HubDatabase.BeginWriteAsync(connection, cancellationToken);
        await using var statements = new Statements(connection, tx, _database.Dialect);
        var rows = await statements.ExecuteAsync(
            "UPDATE boxes SET revoked_at = COALESCE(revoked_at, @at) WHERE box_id = @box",
            cancellationToken,
            ("@at", _database.Dialect.TimeValue(_time.GetUtcNow())), ("@box", boxId));
        await tx.CommitAsync(cancellationToken);
        return rows == 1;
    }

    public async Task<IReadOnlyList<BoxRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectColumns + " ORDER BY box_id";
        var boxes = new List<BoxRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            boxes.Add(Read(reader, _database.Dialect));
        }

        return boxes;
    }

    public async Task<BoxRecord?> FindAsync(string boxId, CancellationToken cancellationToken = default)
    {
        if (!BoxIds.IsValid(boxId))
        {
            return null;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await HubDatabase.BeginReadAsync(connection, cancellationToken);
        await using var statements = new Statements(connection, tx, _database.Dialect);
        return await FindAsync(statements, boxId, cancellationToken);
    }

    /// <summary>The box inside a transaction; <paramref name="forUpdate"/> holds its row (PostgreSQL) until the transaction ends.</summary>
    internal static async Task<BoxRecord?> FindAsync(Statements statements, string boxId, CancellationToken cancellationToken, bool forUpdate = false)
    {
        BoxRecord? found = null;
        await statements.QueryAsync(
            SelectColumns + " WHERE box_id = @box" + (forUpdate ? statements.Dialect.ForUpdate : string.Empty),
            r => found = Read(r, statements.Dialect),
            cancellationToken,
            ("@box", boxId));
        return found;
    }

    private static BoxRecord Read(DbDataReader r, SqlDialect d) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        d.ReadTime(r, 3),
        d.ReadTimeOrNull(r, 4),
        Convert.ToInt64(r.GetValue(5), CultureInfo.InvariantCulture),
        r.IsDBNull(6) ? null : r.GetString(6),
        r.IsDBNull(7) ? null : r.GetString(7),
        r.IsDBNull(8) ? null : r.GetString(8),
        d.ReadTimeOrNull(r, 9),
        d.ReadTimeOrNull(r, 10),
        r.IsDBNull(11) ? null : Convert.ToInt64(r.GetValue(11), CultureInfo.InvariantCulture));
}
