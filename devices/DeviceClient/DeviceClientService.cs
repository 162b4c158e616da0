using Microsoft.Extensions.Hosting;

namespace Hall.Devices.Client;

/// <summary>Keeps the device's link to the box up while the program runs, and goes offline cleanly on stop.</summary>
public sealed class DeviceClientService(HallDeviceClient client) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await client.DisconnectAsync(cancellationToken);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Out of time: the broker's last will reports the device offline instead.
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => client.RunAsync(stoppingToken);
}
