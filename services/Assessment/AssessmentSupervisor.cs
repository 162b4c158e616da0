using Hall.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Assessment;

/// <summary>Every Assessment:CheckInterval (on the injected <see cref="TimeProvider"/>) sends ended days to the outbox.</summary>
public sealed class AssessmentSupervisor : BackgroundService
{
    private readonly AssessmentService _assessment;
    private readonly TimeProvider _time;
    private readonly AssessmentOptions _options;
    private readonly ILogger<AssessmentSupervisor> _logger;

    public AssessmentSupervisor(AssessmentService assessment, TimeProvider time, IOptions<AssessmentOptions> options, ILogger<AssessmentSupervisor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _assessment = assessment;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.CheckInterval, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await _assessment.CloseDaysAsync(stoppingToken);
            }
            catch (StoreUnavailableException ex)
            {
                // Tried again on the next tick; the facts are safe.
                Log.CheckFailed(_logger, ex);
            }
        }
    }
}
