using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.SiteInspection.Jobs;

/// <summary>
/// The one checking worker (the box has two cores and a check decodes video): at start it puts back the jobs a crash
/// left 'running', then runs the oldest queued job at a time. A clean stop gives the running job back uncounted;
/// errors of the runner fail the run (retried up to MaxAttempts); errors of the store escape and stop the host.
/// </summary>
public sealed class InspectionJobWorker : BackgroundService
{
    private readonly InspectionJobQueue _queue;
    private readonly IInspectionJobRunner _runner;
    private readonly IOptions<InspectionJobOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<InspectionJobWorker> _logger;

    public InspectionJobWorker(
        InspectionJobQueue queue,
        IInspectionJobRunner runner,
        IOptions<InspectionJobOptions> options,
        TimeProvider time,
        ILogger<InspectionJobWorker> logger)
    {
        _queue = queue;
        _runner = runner;
        _options = options;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var (requeued, failed) = _queue.RequeueInterrupted();
        if (requeued + failed > 0)
        {
            Log.Interrupted(_logger, requeued, failed);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var job = _queue.TryClaimNext();
            if (job is null)
            {
                await _queue.WaitForWorkAsync(IdleWait(), stoppingToken);
                continue;
            }

            await RunAsync(job, stoppingToken);
        }
    }

    private TimeSpan IdleWait()
    {
        var poll = _options.Value.PollInterval;
        var due = _queue.NextDue();
        if (due is null)
        {
            return poll;
        }

        var untilDue = due.Value - _time.GetUtcNow();
        return untilDue <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : untilDue < poll ? untilDue : poll;
    }

    private async Task RunAsync(InspectionJob job, CancellationToken stoppingToken)
    {
        Log.JobStarted(_logger, job.Id, job.ApplicationId, job.Attempt);
        var timeout = _options.Value.JobTimeout;
        using var timer = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timer.Token);
        try
        {
            await _runner.RunAsync(job, new JobProgressWriter(_queue, job), linked.Token);
            _queue.Complete(job);
            Log.JobDone(_logger, job.Id);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _queue.Release(job);
            Log.JobReleased(_logger, job.Id);
        }
        catch (OperationCanceledException ex) when (timer.IsCancellationRequested)
        {
            Failed(job, string.Create(CultureInfo.InvariantCulture, $"检查超过 {timeout.TotalMinutes:0.#} 分钟仍未完成,已中止。"), mayRetry: true, ex);
        }
        catch (PermanentJobFailureException ex)
        {
            Failed(job, ex.Message, mayRetry: false, ex);
        }
        catch (Exception ex)
        {
            Failed(job, ex.Message, mayRetry: true, ex);
        }
    }

    private void Failed(InspectionJob job, string error, bool mayRetry, Exception exception)
    {
        var retry = mayRetry && job.Attempt < _options.Value.MaxAttempts;
        Log.JobFailed(_logger, job.Id, job.Attempt, retry, error, exception);
        _queue.Fail(job, error, mayRetry);
    }
}
