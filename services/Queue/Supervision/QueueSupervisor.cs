using Hall.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Queue.Supervision;

/// <summary>
/// Ticks every Queue:SupervisorInterval (on the injected <see cref="TimeProvider"/>) and asks the queue to check the
/// duty manager's limits; the queue publishes the alerts (<c>hall/{h}/alert</c>) and raises AlertRaised events.
/// </summary>
public sealed class QueueSupervisor : BackgroundService
{
    private readonly QueueService _queue;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger<QueueSupervisor> _logger;

    public QueueSupervisor(QueueService queue, TimeProvider time, IOptions<QueueOptions> options, ILogger<QueueSupervisor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _queue = queue;
        _time = time;
        _interval = options.Value.SupervisorInterval;
        _logger = logger;
    }

    private PeriodicTimer? _timer;

    /// <summary>Arms the timer before the loop starts, so that the first interval counts from the host's start.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _timer ??= new PeriodicTimer(_interval, _time);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer ??= new PeriodicTimer(_interval, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await _queue.SuperviseAsync(stoppingToken);
            }
            catch (StoreUnavailableException ex)
            {
                // A failed write is retried on the next tick; the queue keeps serving.
                Log.SuperviseFailed(_logger, ex);
            }
        }
    }
}
