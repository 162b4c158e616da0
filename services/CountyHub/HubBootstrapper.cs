using Hall.CountyHub.Auth;
using Microsoft.Extensions.Options;

namespace Hall.CountyHub;

/// <summary>
/// At start, after the migrations: makes sure the county can sign in. With Hub:BootstrapAdminPassword set and no active
/// county admin, creates (or restores) "admin"; with neither, says how to make one.
/// </summary>
public sealed class HubBootstrapper : IHostedService
{
    private readonly HubAccounts _accounts;
    private readonly HubOptions _options;
    private readonly ILogger<HubBootstrapper> _logger;

    public HubBootstrapper(HubAccounts accounts, IOptions<HubOptions> options, ILogger<HubBootstrapper> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _accounts = accounts;
        _options = options.Value;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(_options.BootstrapAdminPassword))
        {
            if (await _accounts.EnsureBootstrapAdminAsync(_options.BootstrapAdminPassword, cancellationToken))
            {
                Log.BootstrapAdmin(_logger);
            }
        }
        else if (!await _accounts.HasAdminAsync(cancellationToken))
        {
            Log.NoAdmin(_logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
