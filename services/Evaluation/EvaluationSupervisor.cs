using Hall.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Evaluation;

/// <summary>
/// Ticks every Evaluation:WindowCheckInterval (on the injected <see cref="TimeProvider"/>): closes rating windows that
/// ran out as "not rated", and every Evaluation:OverdueCheckInterval raises bad-review alerts for overdue cases.
/// </summary>
public sealed class EvaluationSupervisor : BackgroundService
{
    private readonly EvaluationService _evaluation;
    private readonly TimeProvider _time;
    private readonly EvaluationOptions _options;
    private readonly ILogger<EvaluationSupervisor> _logger;
    private PeriodicTimer? _timer;

    public EvaluationSupervisor(EvaluationService evaluation, TimeProvider time, IOptions<EvaluationOptions> options, ILogger<EvaluationSupervisor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _evaluation = evaluation;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Arms the timer before the loop starts, so that the first interval counts from the host's start.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _timer ??= new PeriodicTimer(_options.WindowCheckInterval, _time);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer ??= new PeriodicTimer(_options.WindowCheckInterval, _time);
        DateTimeOffset? lastOverdueCheck = null;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await _evaluation.CloseExpiredWindowsAsync(stoppingToken);
                var now = _time.GetUtcNow();
                if (lastOverdueCheck is null || now - lastOverdueCheck >= _options.OverdueCheckInterval)
                {
                    await _evaluation.CheckOverdueAsync(stoppingToken);
                    lastOverdueCheck = now;
                }
            }
            catch (StoreUnavailableException ex)
            {
                // A failed write is retried on the next tick; ratings keep being taken.
                Log.CheckFailed(_logger, ex);
            }
        }
    }
}
