using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.SiteInspection.Upload;

/// <summary>
/// At start, before phones come back, finishes what a crash cut short (<see cref="UploadStore.Recover"/>); then every
/// SiteInspection:Upload:PurgeInterval drops uploads nobody continued (<see cref="UploadStore.PurgeAbandoned"/>).
/// </summary>
public sealed class UploadJanitor : BackgroundService
{
    private readonly UploadStore _store;
    private readonly IOptions<UploadOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<UploadJanitor> _logger;

    public UploadJanitor(UploadStore store, IOptions<UploadOptions> options, TimeProvider time, ILogger<UploadJanitor> logger)
    {
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // In StartAsync, not ExecuteAsync: the host starts Kestrel only after this returns.
        var recovered = _store.Recover();
        if (recovered > 0)
        {
            Log.Recovered(_logger, recovered);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            await Task.Delay(_options.Value.PurgeInterval, _time, stoppingToken);
            var purged = _store.PurgeAbandoned();
            if (purged > 0)
            {
                Log.Purged(_logger, purged);
            }
        }
    }
}
