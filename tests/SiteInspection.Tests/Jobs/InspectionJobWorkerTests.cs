using Hall.SiteInspection.Jobs;
using Hall.SiteInspection.Tests.Upload;

namespace Hall.SiteInspection.Tests.Jobs;

public sealed class InspectionJobWorkerTests : IDisposable
{
    private readonly InspectionStorage _storage = new();

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task Progress_is_visible_while_a_job_runs_and_a_job_stopped_mid_way_finishes_under_the_next_worker()
    {
        using var limit = JobTestKit.Limit();
        var jobId = await JobTestKit.UploadVideoAsync(_storage);
        var gate = new SemaphoreSlim(0);
        var firstRunner = new SteppedHashRunner(steps: 8, gate);
        var firstQueue = _storage.NewQueue();
        var first = JobTestKit.Worker(_storage, firstQueue, firstRunner);

        await first.StartAsync(limit.Token);
        gate.Release(2);
        while ((await firstRunner.Steps.Reader.ReadAsync(limit.Token)).Step < 3)
        {
        }

        // What the page polls while the check runs.
        var running = await JobTestKit.UntilAsync(firstQueue, jobId, s => s.Progress >= 33, limit.Token);
        Assert.Equal(InspectionJobState.Running, running.State);
        Assert.Equal("正在校验视频 3/8", running.Stage);
        Assert.Equal(1, running.Attempts);
        Assert.Equal(running, Assert.Single(firstQueue.ForApplication("SQ2025-0314-001")));

        // The box stops (systemd stop) in the middle of the job.
        await first.StopAsync(limit.Token);
        first.Dispose();
        var stopped = firstQueue.Find(jobId)!;
        Assert.Equal(InspectionJobState.Queued, stopped.State);
        Assert.Equal(0, stopped.Attempts);
        Assert.Empty(firstRunner.Hashes);

        // The box starts again: new objects over the same database and files.
        var secondRunner = new SteppedHashRunner(steps: 8);
        var secondQueue = _storage.NewQueue();
        var second = JobTestKit.Worker(_storage, secondQueue, secondRunner);
        await second.StartAsync(limit.Token);
        var done = await JobTestKit.UntilAsync(secondQueue, jobId, s => s.State == InspectionJobState.Done, limit.Token);
        await second.StopAsync(limit.Token);
        second.Dispose();

        Assert.Equal(100, done.Progress);
        Assert.Equal(1, done.Attempts);
        Assert.Null(done.Error);
        Assert.Equal(done.Sha256, secondRunner.Hashes[jobId]);
    }

    [Fact]
    public async Task Job_left_running_by_a_crash_is_run_again_by_the_next_worker()
    {
        using var limit = JobTestKit.Limit();
        var jobId = await JobTestKit.UploadVideoAsync(_storage);

        // A process killed mid-job leaves exactly this behind: the job claimed, some progress, nobody running it.
        var crashed = _storage.NewQueue();
        var claimed = crashed.TryClaimNext()!;
        crashed.ReportProgress(claimed, 40, "正在识别水印");
        Assert.Equal(InspectionJobState.Running, crashed.Find(jobId)!.State);

        var runner = new SteppedHashRunner();
        var queue = _storage.NewQueue();
        var worker = JobTestKit.Worker(_storage, queue, runner);
        await worker.StartAsync(limit.Token);
        var done = await JobTestKit.UntilAsync(queue, jobId, s => s.State == InspectionJobState.Done, limit.Token);
        await worker.StopAsync(limit.Token);
        worker.Dispose();

        Assert.Equal(2, done.Attempts); // the cut run counts: a video that crashes the box cannot loop forever
        Assert.Equal(done.Sha256, runner.Hashes[jobId]);
    }

    [Fact]
    public async Task Failed_run_is_retried_and_a_job_failing_every_time_keeps_its_error()
    {
        using var limit = JobTestKit.Limit();
        var flaky = await JobTestKit.UploadVideoAsync(_storage, "SQ-A", seed: 1);
        var broken = await JobTestKit.UploadVideoAsync(_storage, "SQ-B", seed: 2);
        var runner = new SteppedHashRunner(failure: job =>
            job.Id == broken || job.Attempt == 1 ? new InvalidOperationException($"ffprobe 无法读取视频(第 {job.Attempt} 次)") : null);
        var queue = _storage.NewQueue();
        var worker = JobTestKit.Worker(_storage, queue, runner);

        await worker.StartAsync(limit.Token);
        var retried = await JobTestKit.UntilAsync(queue, flaky, s => s.State == InspectionJobState.Done, limit.Token);
        var failed = await JobTestKit.UntilAsync(queue, broken, s => s.State == InspectionJobState.Failed, limit.Token);
        await worker.StopAsync(limit.Token);
        worker.Dispose();

        Assert.Equal(2, retried.Attempts);
        Assert.Null(retried.Error);
        Assert.Equal(3, failed.Attempts);
        Assert.Equal("ffprobe 无法读取视频(第 3 次)", failed.Error);
        Assert.Equal("检查失败", failed.Stage);
        Assert.NotNull(failed.FinishedAt);
    }

    [Fact]
    public async Task Permanent_failure_fails_the_job_at_once()
    {
        using var limit = JobTestKit.Limit();
        var jobId = await JobTestKit.UploadVideoAsync(_storage);
        var runner = new SteppedHashRunner(failure: _ => new PermanentJobFailureException("视频无法解码,请重新拍摄上传。"));
        var queue = _storage.NewQueue();
        var worker = JobTestKit.Worker(_storage, queue, runner);

        await worker.StartAsync(limit.Token);
        var failed = await JobTestKit.UntilAsync(queue, jobId, s => s.State == InspectionJobState.Failed, limit.Token);
        await worker.StopAsync(limit.Token);
        worker.Dispose();

        Assert.Equal(1, failed.Attempts);
        Assert.Equal("视频无法解码,请重新拍摄上传。", failed.Error);
    }

    [Fact]
    public async Task Run_past_the_job_timeout_is_cancelled_and_fails_with_a_message()
    {
        using var limit = JobTestKit.Limit();
        _storage.JobOptions.MaxAttempts = 1;
        _storage.JobOptions.JobTimeout = TimeSpan.FromMinutes(30);
        var jobId = await JobTestKit.UploadVideoAsync(_storage);
        var runner = new SteppedHashRunner(gate: new SemaphoreSlim(0)); // hangs after its first step
        var queue = _storage.NewQueue();
        var worker = JobTestKit.Worker(_storage, queue, runner);

        await worker.StartAsync(limit.Token);
        await runner.Steps.Reader.ReadAsync(limit.Token);
        _storage.Time.Advance(TimeSpan.FromMinutes(31));
        var failed = await JobTestKit.UntilAsync(queue, jobId, s => s.State == InspectionJobState.Failed, limit.Token);
        await worker.StopAsync(limit.Token);
        worker.Dispose();

        Assert.Equal("检查超过 30 分钟仍未完成,已中止。", failed.Error);
    }
}
