using Hall.SiteInspection.Jobs;
using Hall.Store;
using Microsoft.Data.Sqlite;

namespace Hall.SiteInspection.Upload;

/// <summary>The rows of inspection_uploads.</summary>
public sealed partial class UploadStore
{
    private const string Columns = """
        id, application_id, file_name, content_type, size, received, state, container, expected_sha256, sha256, path,
        job_id, error_code, error_message, created_at, updated_at, completed_at
        """;

    private void InsertRow(string id, string applicationId, string fileName, string contentType, long size, string? expectedSha256)
    {
        var now = StoredTime.Format(_time.GetUtcNow());
        using var connection = _database.Open();
        using var tx = _database.BeginWrite(connection);
        using var command = connection.CreateCommand();
        command.Transaction = tx.Transaction;
        command.CommandText = """
            INSERT INTO inspection_uploads(id, application_id, file_name, content_type, size, received, state, expected_sha256, created_at, updated_at)
            VALUES ($id, $a, $f, $c, $s, 0, 'receiving', $e, $now, $now)
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$a", applicationId);
        command.Parameters.AddWithValue("$f", fileName);
        command.Parameters.AddWithValue("$c", contentType);
        command.Parameters.AddWithValue("$s", size);
        command.Parameters.AddWithValue("$e", (object?)expectedSha256 ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", now);
        command.ExecuteNonQuery();
        tx.Commit();
    }

    private UploadRow? LoadRow(string id)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM inspection_uploads WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return ReadRows(command).SingleOrDefault();
    }

    private List<UploadRow> LoadRowsOfApplication(string applicationId)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM inspection_uploads WHERE application_id = $a ORDER BY created_at DESC, id";
        command.Parameters.AddWithValue("$a", applicationId);
        return ReadRows(command);
    }

    /// <param name="before">Only rows last changed before this (null: all).</param>
    private List<UploadRow> LoadRowsInState(UploadState state, DateTimeOffset? before)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM inspection_uploads WHERE state = $s AND ($b IS NULL OR updated_at < $b) ORDER BY created_at";
        command.Parameters.AddWithValue("$s", StateName(state));
        command.Parameters.AddWithValue("$b", before is null ? DBNull.Value : StoredTime.Format(before.Value));
        return ReadRows(command);
    }

    /// <summary>Records the durable offset, after the bytes up to it were fsynced.</summary>
    private void UpdateReceived(string id, long received, string? container)
    {
        using var connection = _database.Open();
        using var tx = _database.BeginWrite(connection);
        using var command = connection.CreateCommand();
        command.Transaction = tx.Transaction;
        command.CommandText = """
            UPDATE inspection_uploads SET received = $r, container = coalesce($c, container), updated_at = $now
            WHERE id = $id AND state = 'receiving'
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$r", received);
        command.Parameters.AddWithValue("$c", (object?)container ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", StoredTime.Format(_time.GetUtcNow()));
        command.ExecuteNonQuery();
        tx.Commit();
    }

    private static void MarkComplete(WriteTransaction tx, string id, long size, string container, string sha256, string path, long jobId, DateTimeOffset at)
    {
        using var command = tx.Transaction.Connection!.CreateCommand();
        command.Transaction = tx.Transaction;
        command.CommandText = """
            UPDATE inspection_uploads SET state = 'complete', received = $size, container = $c, sha256 = $h, path = $p, job_id = $j,
                completed_at = $now, updated_at = $now
            WHERE id = $id AND state = 'receiving'
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$size", size);
        command.Parameters.AddWithValue("$c", container);
        command.Parameters.AddWithValue("$h", sha256);
        command.Parameters.AddWithValue("$p", path);
        command.Parameters.AddWithValue("$j", jobId);
        command.Parameters.AddWithValue("$now", StoredTime.Format(at));
        if (command.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException($"Upload {id} was no longer receiving when it completed.");
        }
    }

    private void MarkEnded(string id, UploadState state, UploadError reason)
    {
        using var connection = _database.Open();
        using var tx = _database.BeginWrite(connection);
        using var command = connection.CreateCommand();
        command.Transaction = tx.Transaction;
        command.CommandText = """
            UPDATE inspection_uploads SET state = $s, error_code = $code, error_message = $message, updated_at = $now
            WHERE id = $id
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$s", StateName(state));
        command.Parameters.AddWithValue("$code", reason.Code);
        command.Parameters.AddWithValue("$message", reason.Message);
        command.Parameters.AddWithValue("$now", StoredTime.Format(_time.GetUtcNow()));
        command.ExecuteNonQuery();
        tx.Commit();
    }

    private static string StateName(UploadState state) => state.ToString().ToLowerInvariant();

    private static List<UploadRow> ReadRows(SqliteCommand command)
    {
        var rows = new List<UploadRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new UploadRow(
                Id: reader.GetString(0),
                ApplicationId: reader.GetString(1),
                FileName: reader.GetString(2),
                ContentType: reader.GetString(3),
                Size: reader.GetInt64(4),
                Received: reader.GetInt64(5),
                State: Enum.Parse<UploadState>(reader.GetString(6), ignoreCase: true),
                Container: reader.IsDBNull(7) ? null : reader.GetString(7),
                ExpectedSha256: reader.IsDBNull(8) ? null : reader.GetString(8),
                Sha256: reader.IsDBNull(9) ? null : reader.GetString(9),
                Path: reader.IsDBNull(10) ? null : reader.GetString(10),
                JobId: reader.IsDBNull(11) ? null : reader.GetInt64(11),
                ErrorCode: reader.IsDBNull(12) ? null : reader.GetString(12),
                ErrorMessage: reader.IsDBNull(13) ? null : reader.GetString(13),
                CreatedAt: StoredTime.Parse(reader.GetString(14)),
                UpdatedAt: StoredTime.Parse(reader.GetString(15)),
                CompletedAt: StoredTime.ParseOrNull(reader.GetValue(16))));
        }

        return rows;
    }
}
