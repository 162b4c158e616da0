using System.Globalization;
using System.Threading.Channels;
using Hall.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Hall.SiteInspection.Jobs;

/// <summary>
/// The checking queue in SQLite: queued → running → done / failed, with progress a page can poll. Every claim of a
/// job gets a new claim number and every later write of the run names it, so a run that was released or timed out cannot
/// touch the job again. Every write is its own short transaction through <see cref="HallDatabase.BeginWrite"/>.
/// </summary>
public sealed class InspectionJobQueue
{
    private const string StatusColumns = """
        id, application_id, upload_id, state, progress, stage, attempts, error, sha256, queued_at, started_at, finished_at, updated_at
        """;

    private const string SelectById = $"SELECT {StatusColumns} FROM inspection_jobs WHERE id = $id";

    private const string SelectByApplication = $"SELECT {StatusColumns} FROM inspection_jobs WHERE application_id = $a ORDER BY id DESC";

    // The updates of a run: each touches the job only while the run still holds its claim.
    private const string SetProgress = """
        UPDATE inspection_jobs SET progress = $pct, stage = $stage, updated_at = $now
        WHERE id = $id AND claim = $claim AND state = 'running'
        """;

    private const string SetDone = """
        UPDATE inspection_jobs SET state = 'done', progress = 100, stage = '检查完成', error = NULL, finished_at = $now, updated_at = $now
        WHERE id = $id AND claim = $claim AND state = 'running'
        """;

    private const string SetRetry = """
        UPDATE inspection_jobs SET state = 'queued', progress = 0, stage = $stage, error = $error, not_before = $nb, updated_at = $now
        WHERE id = $id AND claim = $claim AND state = 'running'
        """;

    private const string SetFailed = """
        UPDATE inspection_jobs SET state = 'failed', stage = '检查失败', error = $error, finished_at = $now, updated_at = $now
        WHERE id = $id AND claim = $claim AND state = 'running'
        """;

    private const string SetReleased = """
        UPDATE inspection_jobs SET state = 'queued', attempts = attempts - 1, progress = 0, stage = '排队等待检查(盒子重启后继续)', not_before = $now, updated_at = $now
        WHERE id = $id AND claim = $claim AND state = 'running'
        """;

    private readonly HallDatabase _database;
    private readonly IOptions<InspectionJobOptions> _options;
    private readonly TimeProvider _time;

    // One pending wake-up is enough: the worker looks at the whole queue when it wakes.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public InspectionJobQueue(HallDatabase database, IOptions<InspectionJobOptions> options, TimeProvider time)
    {
        _database = database;
        _options = options;
        _time = time;
    }

    private int MaxAttempts => _options.Value.MaxAttempts;

    /// <summary>
    /// Queues the check of a received video inside the caller's transaction (so the upload's completion and its job
    /// commit together). Call <see cref="Notify"/> after the commit.
    /// </summary>
    public long Enqueue(SqliteTransaction transaction, string applicationId, string uploadId, string videoPath, string sha256)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var now = StoredTime.Format(_time.GetUtcNow());
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO inspection_jobs(application_id, upload_id, video_path, sha256, state, progress, stage, attempts, not_before, queued_at, updated_at)
            VALUES ($a, $u, $p, $h, 'queued', 0, '排队等待检查', 0, $now, $now, $now)
            RETURNING id
            """;
        command.Parameters.AddWithValue("$a", applicationId);
        command.Parameters.AddWithValue("$u", uploadId);
        command.Parameters.AddWithValue("$p", videoPath);
        command.Parameters.AddWithValue("$h", sha256);
        command.Parameters.AddWithValue("$now", now);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Wakes the worker: a job was queued (after the commit that queued it).</summary>
    public void Notify() => _wake.Writer.TryWrite(true);

    public InspectionJobStatus? Find(long jobId)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SelectById;
        command.Parameters.AddWithValue("$id", jobId);
        var status = ReadStatuses(command).SingleOrDefault();
        return status is null ? null : WithQueuePosition(connection, status);
    }

    /// <summary>The checks of one application, newest first.</summary>
    public IReadOnlyList<InspectionJobStatus> ForApplication(string applicationId)
    {
        ArgumentNullException.ThrowIfNull(applicationId);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SelectByApplication;
        command.Parameters.AddWithValue("$a", applicationId);
        return ReadStatuses(command).Select(s => WithQueuePosition(connection, s)).ToList();
    }

    /// <summary>Queues a failed job again with a fresh count of attempts (after the cause was fixed, e.g. models installed).</summary>
    public JobCommandResult Retry(long jobId)
    {
        var now = StoredTime.Format(_time.GetUtcNow());
        using (var connection = _database.Open())
        using (var tx = _database.BeginWrite(connection))
        {
            using var command = connection.CreateCommand();
            command.Transaction = tx.Transaction;
            command.CommandText = """
                UPDATE inspection_jobs SET state = 'queued', attempts = 0, progress = 0, stage = '排队等待重新检查',
                    error = NULL, not_before = $now, started_at = NULL, finished_at = NULL, updated_at = $now
                WHERE id = $id AND state = 'failed'
                """;
            command.Parameters.AddWithValue("$id", jobId);
            command.Parameters.AddWithValue("$now", now);
            var changed = command.ExecuteNonQuery();
            tx.Commit();
            if (changed == 1)
            {
                Notify();
                return new JobCommandResult(Find(jobId));
            }
        }

        var status = Find(jobId);
        return status is null
            ? new JobCommandResult(null, ErrorCodes.UnknownInspectionJob, UnknownJobMessage(jobId))
            : new JobCommandResult(status, ErrorCodes.InspectionJobState, string.Create(
                CultureInfo.InvariantCulture,
                $"检查任务 {jobId} 现在{StateText(status.State)},只有失败的任务可以重新检查。"));
    }

    /// <summary>The message for an unknown job id (code <see cref="ErrorCodes.UnknownInspectionJob"/>).</summary>
    public static string UnknownJobMessage(long jobId) =>
        string.Create(CultureInfo.InvariantCulture, $"没有编号为 {jobId} 的踏勘检查任务。请回到申请页面刷新后再看。");

    /// <summary>Claims the oldest queued job whose retry wait is over, counting the attempt.</summary>
    internal InspectionJob? TryClaimNext()
    {
        var now = StoredTime.Format(_time.GetUtcNow());
        using var connection = _database.Open();
        using var tx = _database.BeginWrite(connection);
        using var command = connection.CreateCommand();
        command.Transaction = tx.Transaction;
        command.CommandText = """
            UPDATE inspection_jobs SET state = 'running', attempts = attempts + 1, claim = claim + 1, progress = 0, stage = '开始检查',
                started_at = $now, finished_at = NULL, updated_at = $now
            WHERE id = (SELECT id FROM inspection_jobs WHERE state = 'queued' AND not_before <= $now ORDER BY queued_at, id LIMIT 1)
            RETURNING id, application_id, upload_id, video_path, sha256, attempts, claim
            """;
        command.Parameters.AddWithValue("$now", now);
        InspectionJob? job = null;
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                job = new InspectionJob(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5))
                {
                    Claim = reader.GetInt64(6),
                };
            }
        }

        tx.Commit();
        return job;
    }

    internal void ReportProgress(InspectionJob job, int percent, string stage) =>
        Update(job, SetProgress, ("$pct", Math.Clamp(percent, 0, 100)), ("$stage", stage));

    internal bool Complete(InspectionJob job) =>
        Update(job, SetDone);

    /// <summary>Records a failed run: queued again after a growing wait while attempts remain, failed for good otherwise.</summary>
    internal bool Fail(InspectionJob job, string error, bool mayRetry)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (mayRetry && job.Attempt < MaxAttempts)
        {
            var notBefore = _time.GetUtcNow() + (_options.Value.RetryDelay * job.Attempt);
            return Update(
                job,
                SetRetry,
                ("$stage", string.Create(CultureInfo.InvariantCulture, $"第 {job.Attempt} 次检查出错,等待重试")),
                ("$error", error),
                ("$nb", StoredTime.Format(notBefore)));
        }

        return Update(job, SetFailed, ("$error", error));
    }

    /// <summary>A clean stop of the box: the run is given back without counting it.</summary>
    internal bool Release(InspectionJob job) =>
        Update(job, SetReleased);

    /// <summary>
    /// At start: jobs still 'running' were cut by a crash or power cut. They run again; the cut run counts as an
    /// attempt, so a video that brings the box down each time cannot loop forever.
    /// </summary>
    internal (int Requeued, int Failed) RequeueInterrupted()
    {
        var now = StoredTime.Format(_time.GetUtcNow());
        using var connection = _database.Open();
        using var tx = _database.BeginWrite(connection);
        using var requeue = connection.CreateCommand();
        requeue.Transaction = tx.Transaction;
        requeue.CommandText = """
            UPDATE inspection_jobs SET state = 'queued', progress = 0, stage = '排队等待检查(盒子重启后重新开始)', not_before = $now, updated_at = $now
            WHERE state = 'running' AND attempts < $max
            """;
        requeue.Parameters.AddWithValue("$now", now);
        requeue.Parameters.AddWithValue("$max", MaxAttempts);
        var requeued = requeue.ExecuteNonQuery();
        using var fail = connection.CreateCommand();
        fail.Transaction = tx.Transaction;
        fail.CommandText = """
            UPDATE inspection_jobs SET state = 'failed', stage = '检查失败', finished_at = $now, updated_at = $now,
                error = '检查过程中盒子多次重启或断电(' || attempts || ' 次),已停止重试。请技术人员查看盒子日志,处理后在管理页重新检查。'
            WHERE state = 'running'
            """;
        fail.Parameters.AddWithValue("$now", now);
        var failed = fail.ExecuteNonQuery();
        tx.Commit();
        return (requeued, failed);
    }

    /// <summary>When the earliest queued job may run (now or later), or null with nothing queued.</summary>
    internal DateTimeOffset? NextDue()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(not_before) FROM inspection_jobs WHERE state = 'queued'";
        return StoredTime.ParseOrNull(command.ExecuteScalar());
    }

    /// <summary>Returns when <see cref="Notify"/> is called or after <paramref name="atMost"/> (on the injected clock).</summary>
    internal async Task WaitForWorkAsync(TimeSpan atMost, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(atMost, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await _wake.Reader.WaitToReadAsync(linked.Token);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the wait is over; look at the queue again
        }
    }

    private static string StateText(InspectionJobState state) => state switch
    {
        InspectionJobState.Queued => "在排队",
        InspectionJobState.Running => "正在检查",
        InspectionJobState.Done => "已检查完成",
        _ => "已失败",
    };

    /// <summary>Runs one of the fixed updates of a run, only while the run still holds its claim.</summary>
    private bool Update(InspectionJob job, string statement, params (string Name, object Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var connection = _database.Open();
        using var tx = _database.BeginWrite(connection);
        using var command = connection.CreateCommand();
        command.Transaction = tx.Transaction;
        command.CommandText = statement;
        command.Parameters.AddWithValue("$id", job.Id);
        command.Parameters.AddWithValue("$claim", job.Claim);
        command.Parameters.AddWithValue("$now", StoredTime.Format(_time.GetUtcNow()));
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var changed = command.ExecuteNonQuery();
        tx.Commit();
        return changed == 1;
    }

    private List<InspectionJobStatus> ReadStatuses(SqliteCommand command)
    {
        var list = new List<InspectionJobStatus>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new InspectionJobStatus(
                JobId: reader.GetInt64(0),
                ApplicationId: reader.GetString(1),
                UploadId: reader.GetString(2),
                State: Enum.Parse<InspectionJobState>(reader.GetString(3), ignoreCase: true),
                Progress: reader.GetInt32(4),
                Stage: reader.GetString(5),
                Attempts: reader.GetInt32(6),
                MaxAttempts: MaxAttempts,
                Error: reader.IsDBNull(7) ? null : reader.GetString(7),
                Sha256: reader.GetString(8),
                QueuedAt: StoredTime.Parse(reader.GetString(9)),
                StartedAt: StoredTime.ParseOrNull(reader.GetValue(10)),
                FinishedAt: StoredTime.ParseOrNull(reader.GetValue(11)),
                UpdatedAt: StoredTime.Parse(reader.GetString(12))));
        }

        return list;
    }

    private static InspectionJobStatus WithQueuePosition(SqliteConnection connection, InspectionJobStatus status)
    {
        if (status.State != InspectionJobState.Queued)
        {
            return status;
        }

        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*) FROM inspection_jobs
            WHERE state = 'running' OR (state = 'queued' AND (queued_at < $q OR (queued_at = $q AND id < $id)))
            """;
        command.Parameters.AddWithValue("$q", StoredTime.Format(status.QueuedAt));
        command.Parameters.AddWithValue("$id", status.JobId);
        return status with { QueuePosition = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture) };
    }
}
