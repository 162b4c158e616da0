using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Staff;

/// <summary>
/// At start (after the store's migrations): makes sure the box can be managed. With
/// Staff:BootstrapAdminPassword set and no admin, creates the admin; with neither, says how to make one.
/// </summary>
public sealed class StaffBootstrapper : IHostedService
{
    private readonly StaffDirectory _directory;
    private readonly StaffOptions _options;
    private readonly ILogger<StaffBootstrapper> _logger;

    public StaffBootstrapper(StaffDirectory directory, IOptions<StaffOptions> options, ILogger<StaffBootstrapper> logger)
    {
        _directory = directory;
        _options = options.Value;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(_options.BootstrapAdminPassword))
        {
            _directory.EnsureBootstrapAdmin(_options.BootstrapAdminPassword);
        }
        else if (!_directory.HasAdmin())
        {
            _logger.NoAdmin();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
