using Microsoft.Extensions.Logging;

namespace Hall.CountyHub.Downlink;

/// <summary>At start: the signing key made (and its public part logged), the first configuration version published if there is none.</summary>
public sealed class DownlinkInitializer : IHostedService
{
    private readonly ConfigVersions _versions;
    private readonly HubSigningKey _key;
    private readonly ILogger<DownlinkInitializer> _logger;

    public DownlinkInitializer(ConfigVersions versions, HubSigningKey key, ILogger<DownlinkInitializer> logger)
    {
        _versions = versions;
        _key = key;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Log.SigningKey(_logger, _key.KeyId, _key.PublicKey);
        await _versions.EnsureFirstAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
