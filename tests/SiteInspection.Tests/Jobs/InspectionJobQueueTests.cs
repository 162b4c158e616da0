using Hall.SiteInspection.Jobs;
using Hall.SiteInspection.Tests.Upload;

namespace Hall.SiteInspection.Tests.Jobs;

public sealed class InspectionJobQueueTests : IDisposable
{
    private readonly InspectionStorage _storage = new();

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task Oldest_queued_job_is_claimed_first_and_the_page_sees_its_place_in_the_queue()
    {
        var first = await JobTestKit.UploadVideoAsync(_storage, "SQ-1", seed: 1);
        _storage.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await JobTestKit.UploadVideoAsync(_storage, "SQ-2", seed: 2);
        _storage.Time.Advance(TimeSpan.FromMinutes(1));
        var third = await JobTestKit.UploadVideoAsync(_storage, "SQ-1", seed: 3);
        var queue = _storage.NewQueue();

        Assert.Equal(2, queue.Find(third)!.QueuePosition);
        Assert.Equal(first, queue.TryClaimNext()!.Id);

        Assert.Null(queue.Find(first)!.QueuePosition);
        Assert.Equal(1, queue.Find(second)!.QueuePosition);
        Assert.Equal([third, first], queue.ForApplication("SQ-1").Select(j => j.JobId));
        Assert.Null(queue.Find(9999));
    }

    [Fact]
    public async Task Failed_run_waits_its_retry_delay_before_it_is_claimed_again()
    {
        _storage.JobOptions.RetryDelay = TimeSpan.FromMinutes(1);
        var jobId = await JobTestKit.UploadVideoAsync(_storage);
        var queue = _storage.NewQueue();
        queue.Fail(queue.TryClaimNext()!, "解码出错", mayRetry: true);

        var waiting = queue.Find(jobId)!;
        Assert.Equal(InspectionJobState.Queued, waiting.State);
        Assert.Equal("解码出错", waiting.Error);
        Assert.Null(queue.TryClaimNext());
        _storage.Time.Advance(TimeSpan.FromMinutes(1));
        var again = queue.TryClaimNext()!;

        Assert.Equal((jobId, 2), (again.Id, again.Attempt));
    }

    [Fact]
    public async Task Job_cut_by_restarts_as_often_as_it_may_run_fails_instead_of_looping()
    {
        var jobId = await JobTestKit.UploadVideoAsync(_storage);
        for (var boot = 1; boot <= 3; boot++)
        {
            var queue = _storage.NewQueue();
            queue.RequeueInterrupted();
            Assert.NotNull(queue.TryClaimNext()); // ...and the box dies again during the check
        }

        var (requeued, failed) = _storage.NewQueue().RequeueInterrupted();

        var status = _storage.NewQueue().Find(jobId)!;
        Assert.Equal((0, 1), (requeued, failed));
        Assert.Equal(InspectionJobState.Failed, status.State);
        Assert.Contains("多次重启或断电(3 次)", status.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_job_can_be_queued_again_and_other_states_are_refused()
    {
        var jobId = await JobTestKit.UploadVideoAsync(_storage);
        var queue = _storage.NewQueue();

        var notFailed = queue.Retry(jobId);
        queue.Fail(queue.TryClaimNext()!, "模型文件缺失", mayRetry: false);
        var retried = queue.Retry(jobId);
        var unknown = queue.Retry(4242);

        Assert.Equal(ErrorCodes.InspectionJobState, notFailed.Code);
        Assert.Contains("只有失败的任务可以重新检查", notFailed.Message, StringComparison.Ordinal);
        Assert.True(retried.Ok);
        Assert.Equal(InspectionJobState.Queued, retried.Status!.State);
        Assert.Equal(0, retried.Status.Attempts);
        Assert.Null(retried.Status.Error);
        Assert.Equal(ErrorCodes.UnknownInspectionJob, unknown.Code);
    }

    [Fact]
    public async Task Writes_of_a_run_that_lost_its_claim_change_nothing()
    {
        var jobId = await JobTestKit.UploadVideoAsync(_storage);
        var queue = _storage.NewQueue();
        var stale = queue.TryClaimNext()!;
        queue.Release(stale);
        var current = queue.TryClaimNext()!;

        queue.ReportProgress(stale, 80, "旧的进度");
        Assert.False(queue.Complete(stale));

        var status = queue.Find(jobId)!;
        Assert.Equal(InspectionJobState.Running, status.State);
        Assert.Equal(0, status.Progress);
        Assert.True(queue.Complete(current));
    }
}
