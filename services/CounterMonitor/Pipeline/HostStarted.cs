using Microsoft.Extensions.Hosting;

namespace Hall.CounterMonitor.Pipeline;

/// <summary>The monitor's workers publish on the box's broker, which opens last: they wait for the host to have started.</summary>
internal static class HostStarted
{
    public static Task WaitAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken).ContinueWith(
            t =>
            {
                registration.Dispose();
                return t;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
    }
}
