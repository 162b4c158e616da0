using System.Globalization;
using Hall.SiteInspection.Rules;
using Hall.Store;
using Microsoft.Data.Sqlite;

namespace Hall.SiteInspection;

/// <summary>Site inspection's rules, applications, upload marks and verdicts in SQLite (tables inspection_*).</summary>
public sealed class InspectionStore(HallDatabase database)
{
    /// <summary>
    /// Seeds the box's default inspection rules into an empty table: a box that has rules (seeded before, or the
    /// county's, applied by the downlink) keeps them, so the county's catalogue wins over the defaults after a restart.
    /// </summary>
    public void SeedRules(IEnumerable<InspectionRule> rules, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = database.BeginWrite(connection);
        using (var count = connection.CreateCommand())
        {
            count.Transaction = tx.Transaction;
            count.CommandText = "SELECT count(*) FROM inspection_rules";
            if ((long)count.ExecuteScalar()! > 0)
            {
                return;
            }
        }

        foreach (var rule in rules)
        {
            Execute(tx.Transaction, "INSERT OR IGNORE INTO inspection_rules(item_code, version, rule_json, updated_at) VALUES ($code, $version, $json, $at)",
                ("$code", rule.ItemCode), ("$version", rule.Version), ("$json", HallJson.SerializeToString(rule)), ("$at", Iso(now)));
        }

        tx.Commit();
    }

    /// <summary>The rules replaced by the county's (inside the configuration's apply, in its transaction).</summary>
    public static void ReplaceRules(SqliteTransaction tx, IEnumerable<InspectionRule> rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Execute(tx, "DELETE FROM inspection_rules");
        foreach (var rule in rules)
        {
            Execute(tx, "INSERT INTO inspection_rules(item_code, version, rule_json, updated_at) VALUES ($code, $version, $json, $at)",
                ("$code", rule.ItemCode), ("$version", rule.Version), ("$json", HallJson.SerializeToString(rule)), ("$at", Iso(now)));
        }
    }

    public IReadOnlyList<InspectionRule> Rules()
    {
        using var connection = database.Open();
        return Query(connection, "SELECT rule_json FROM inspection_rules ORDER BY item_code", [], r => HallJson.Deserialize<InspectionRule>(r.GetString(0))!);
    }

    public InspectionRule? Rule(string itemCode)
    {
        using var connection = database.Open();
        return Query(connection, "SELECT rule_json FROM inspection_rules WHERE item_code = $code", [("$code", itemCode)], r => HallJson.Deserialize<InspectionRule>(r.GetString(0))!).FirstOrDefault();
    }

    public void AddApplication(InspectionApplication application, string accessKey, string? createdBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(application);
        using var connection = database.Open();
        using var tx = database.BeginWrite(connection);
        Execute(tx.Transaction, """
            INSERT INTO inspection_applications(id, item_code, applicant, address, window_from, window_to, case_number, access_key, created_by, created_at)
            VALUES ($id, $item, $applicant, $address, $from, $to, $case, $key, $by, $at)
            """,
            ("$id", application.Id), ("$item", application.ItemCode), ("$applicant", application.Applicant), ("$address", application.Address),
            ("$from", Iso(application.WindowFrom)), ("$to", Iso(application.WindowTo)), ("$case", application.CaseNumber), ("$key", accessKey),
            ("$by", createdBy), ("$at", Iso(now)));
        // Upward goes what the county needs to follow the case, not the applicant's name.
        Outbox.Append(tx.Transaction, "InspectionApplied", HallJson.SerializeToString(new { application.Id, application.ItemCode, application.CaseNumber, application.WindowFrom, application.WindowTo }), now);
        tx.Commit();
    }

    public (InspectionApplication Application, string AccessKey)? Application(string id)
    {
        using var connection = database.Open();
        return Query(connection, "SELECT id, item_code, applicant, address, window_from, window_to, case_number, access_key FROM inspection_applications WHERE id = $id", [("$id", id)], ReadApplication)
            .Select(a => ((InspectionApplication, string)?)a).FirstOrDefault();
    }

    public IReadOnlyList<InspectionApplication> Applications(int limit)
    {
        using var connection = database.Open();
        return Query(connection, "SELECT id, item_code, applicant, address, window_from, window_to, case_number, access_key FROM inspection_applications ORDER BY created_at DESC LIMIT $limit", [("$limit", limit)], ReadApplication)
            .Select(a => a.Item1).ToList();
    }

    public void SaveMarks(string uploadId, string applicationId, IReadOnlyDictionary<string, double> marks, string? rectificationOf)
    {
        using var connection = database.Open();
        using var tx = database.BeginWrite(connection);
        Execute(tx.Transaction, "INSERT OR REPLACE INTO inspection_marks(upload_id, application_id, marks_json, rectification_of) VALUES ($upload, $app, $marks, $of)",
            ("$upload", uploadId), ("$app", applicationId), ("$marks", HallJson.SerializeToString(marks)), ("$of", rectificationOf));
        tx.Commit();
    }

    public (IReadOnlyDictionary<string, double> Marks, string? RectificationOf) Marks(string uploadId)
    {
        using var connection = database.Open();
        return Query(connection, "SELECT marks_json, rectification_of FROM inspection_marks WHERE upload_id = $upload", [("$upload", uploadId)],
                r => ((IReadOnlyDictionary<string, double>)HallJson.Deserialize<Dictionary<string, double>>(r.GetString(0))!, r.IsDBNull(1) ? null : r.GetString(1)))
            .FirstOrDefault((new Dictionary<string, double>(), null));
    }

    /// <summary>Stores the verdict and puts the signed pack in the outbox, in one transaction; a repeat of the same job replaces it.</summary>
    public void SaveVerdict(StoredVerdict verdict, string outboxJson, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        using var connection = database.Open();
        using var tx = database.BeginWrite(connection);
        Execute(tx.Transaction, """
            INSERT INTO inspection_verdicts(inspection_id, application_id, upload_id, rectification_of, passed, verdict_json, signed_pack_json, video_path, video_sha256, video_expires, checked_at)
            VALUES ($id, $app, $upload, $of, $passed, $verdict, $pack, $path, $sha, $expires, $at)
            ON CONFLICT(inspection_id) DO UPDATE SET passed = excluded.passed, verdict_json = excluded.verdict_json,
                signed_pack_json = excluded.signed_pack_json, checked_at = excluded.checked_at
            """,
            ("$id", verdict.InspectionId), ("$app", verdict.ApplicationId), ("$upload", verdict.UploadId), ("$of", verdict.RectificationOf),
            ("$passed", verdict.Verdict.Passed ? 1 : 0), ("$verdict", HallJson.SerializeToString(verdict.Verdict)), ("$pack", outboxJson),
            ("$path", verdict.VideoPath), ("$sha", verdict.VideoSha256), ("$expires", Iso(verdict.VideoExpires)), ("$at", Iso(verdict.CheckedAt)));
        Outbox.Append(tx.Transaction, "InspectionVerdict", outboxJson, now);
        tx.Commit();
    }

    public IReadOnlyList<StoredVerdict> Verdicts(string applicationId)
    {
        using var connection = database.Open();
        return Query(connection, $"{VerdictColumns} WHERE application_id = $app ORDER BY checked_at", [("$app", applicationId)], ReadVerdict);
    }

    public StoredVerdict? Verdict(string inspectionId)
    {
        using var connection = database.Open();
        return Query(connection, $"{VerdictColumns} WHERE inspection_id = $id", [("$id", inspectionId)], ReadVerdict).FirstOrDefault();
    }

    /// <summary>Marks the video as asked for by the hub: it is kept past the retention.</summary>
    public bool Hold(string inspectionId)
    {
        using var connection = database.Open();
        using var tx = database.BeginWrite(connection);
        var changed = Execute(tx.Transaction, "UPDATE inspection_verdicts SET held = 1 WHERE inspection_id = $id AND video_deleted_at IS NULL", ("$id", inspectionId));
        tx.Commit();
        return changed > 0;
    }

    /// <summary>Videos past their retention and not held: (inspection id, path).</summary>
    public IReadOnlyList<(string InspectionId, string Path)> ExpiredVideos(DateTimeOffset now)
    {
        using var connection = database.Open();
        return Query(connection, "SELECT inspection_id, video_path FROM inspection_verdicts WHERE held = 0 AND video_deleted_at IS NULL AND video_path IS NOT NULL AND video_expires < $now",
            [("$now", Iso(now))], r => (r.GetString(0), r.GetString(1)));
    }

    public void VideoDeleted(string inspectionId, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = database.BeginWrite(connection);
        Execute(tx.Transaction, "UPDATE inspection_verdicts SET video_deleted_at = $at WHERE inspection_id = $id", ("$id", inspectionId), ("$at", Iso(now)));
        tx.Commit();
    }

    private const string VerdictColumns = "SELECT inspection_id, application_id, upload_id, rectification_of, verdict_json, video_path, video_sha256, video_expires, held, video_deleted_at, checked_at FROM inspection_verdicts";

    private static StoredVerdict ReadVerdict(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
        HallJson.Deserialize<InspectionVerdict>(r.GetString(4))!, r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6),
        Parse(r.GetString(7)), Parse(r.GetString(10)))
    {
        Held = r.GetInt64(8) != 0,
        VideoDeleted = !r.IsDBNull(9),
    };

    private static (InspectionApplication, string) ReadApplication(SqliteDataReader r) => (new InspectionApplication
    {
        Id = r.GetString(0),
        ItemCode = r.GetString(1),
        Applicant = r.GetString(2),
        Address = r.GetString(3),
        WindowFrom = Parse(r.GetString(4)),
        WindowTo = Parse(r.GetString(5)),
        CaseNumber = r.IsDBNull(6) ? null : r.GetString(6),
    }, r.GetString(7));

    private static string Iso(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);

    private static int Execute(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(read(reader));
        }

        return list;
    }
}
