using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.CounterMonitor.Pipeline;

/// <summary>Checks the time-based rules every CounterMonitor:CheckInterval (crowding by waiting tickets needs no camera).</summary>
public sealed class MonitorTicker(CounterMonitorService monitor, IOptions<CounterMonitorOptions> options, TimeProvider time, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStarted.WaitAsync(lifetime, stoppingToken);
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await monitor.TickAsync(stoppingToken);
        }
    }
}
