using Hall.Devices.HallSimulator;

namespace Hall.Benchmarks;

/// <summary>Every device of a fleet connected to one target as a real MQTT client.</summary>
public sealed class ConnectedFleet : IAsyncDisposable
{
    private ConnectedFleet(IReadOnlyList<SimulatedDevice> kiosks, IReadOnlyList<(SimulatedDevice Device, string Counter)> callers, IReadOnlyList<SimulatedDevice> displays, TimeSpan connectTime)
    {
        Kiosks = kiosks;
        Callers = callers;
        Displays = displays;
        ConnectTime = connectTime;
    }

    public IReadOnlyList<SimulatedDevice> Kiosks { get; }

    public IReadOnlyList<(SimulatedDevice Device, string Counter)> Callers { get; }

    public IReadOnlyList<SimulatedDevice> Displays { get; }

    public IReadOnlyList<SimulatedDevice> All => [.. Kiosks, .. Callers.Select(c => c.Device), .. Displays];

    /// <summary>How long connecting (and subscribing) the whole fleet took.</summary>
    public TimeSpan ConnectTime { get; }

    public static async Task<ConnectedFleet> ConnectAsync(IBenchTarget target, CancellationToken cancellationToken)
    {
        SimulatedDevice Make(Hall.DeviceRegistry.DeviceCredentials c) => new(target.HallId, c.DeviceId, c.Username, c.Password, TimeProvider.System);
        var fleet = new ConnectedFleet(
            target.Fleet.Kiosks.Select(Make).ToList(),
            target.Fleet.Callers.Select(c => (Make(c), c.Counter ?? "1")).ToList(),
            target.Fleet.Displays.Select(Make).ToList(),
            TimeSpan.Zero);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var gate = new SemaphoreSlim(16);
        try
        {
            await Task.WhenAll(fleet.All.Select(async device =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    await device.ConnectAsync(target.Host, target.Port, "sim-1", cancellationToken);
                    if (fleet.Displays.Contains(device))
                    {
                        // What a hall display subscribes to (contract v1).
                        await device.SubscribeAsync([$"hall/{target.HallId}/display/#", $"hall/{target.HallId}/counter/+/state"], cancellationToken);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }

        return new ConnectedFleet(fleet.Kiosks, fleet.Callers, fleet.Displays, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    public async ValueTask DisposeAsync()
    {
        using var leave = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Task.WhenAll(All.Select(async d =>
        {
            try
            {
                await d.DisconnectAsync("sim-1", leave.Token);
            }
            catch (Exception)
            {
                // Leaving anyway.
            }
        }));
        foreach (var device in All)
        {
            await device.DisposeAsync();
        }
    }
}
