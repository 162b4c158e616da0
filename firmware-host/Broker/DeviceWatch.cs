using System.Collections.Concurrent;
using Hall.Contract;
using Hall.FirmwareHost.Box;
using Hall.Store.Alerts;

namespace Hall.FirmwareHost.Broker;

/// <summary>
/// Knows which devices are online and raises a <c>device-offline</c> alert on the alert board when one drops without
/// saying goodbye (its last will), and the all-clear when it comes back.
/// </summary>
public sealed class DeviceWatch
{
    private readonly ConcurrentDictionary<string, DeviceState> _devices = new(StringComparer.Ordinal);
    private readonly AlertBoard _alerts;
    private readonly HallClock _clock;

    public DeviceWatch(AlertBoard alerts, HallClock clock)
    {
        _alerts = alerts;
        _clock = clock;
    }

    public IReadOnlyCollection<DeviceState> Devices => _devices.Values.ToList();

    public async Task OnStatusAsync(DeviceIdentity device, bool online, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var now = _clock.Now();
        var before = _devices.TryGetValue(device.DeviceId, out var previous) ? previous : null;
        _devices[device.DeviceId] = new DeviceState(device.DeviceId, device.Role, device.Counter, online, now);
        if (online && before is { Online: false, AlertRaised: true })
        {
            await AlertAsync(device, active: false, $"设备 {device.DeviceId} 已恢复在线", cancellationToken);
        }
    }

    public async Task OnDisconnectedAsync(DeviceIdentity device, bool clean, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var now = _clock.Now();
        _devices[device.DeviceId] = new DeviceState(device.DeviceId, device.Role, device.Counter, false, now, AlertRaised: !clean);
        if (!clean)
        {
            var where = device.Counter is null ? string.Empty : $"({device.Counter}号窗口)";
            await AlertAsync(device, active: true, $"设备 {device.DeviceId}{where} 离线,请检查电源和网络", cancellationToken);
        }
    }

    private Task AlertAsync(DeviceIdentity device, bool active, string message, CancellationToken cancellationToken) =>
        _alerts.RaiseAsync(
            new AlertMessage
            {
                Ts = _clock.Now(),
                Type = AlertTypes.DeviceOffline,
                Message = message,
                DeviceId = device.DeviceId,
                Counter = device.Counter,
                Active = active,
            },
            cancellationToken);

    /// <summary>A device as last seen.</summary>
    public sealed record DeviceState(string DeviceId, DeviceRole Role, string? Counter, bool Online, DateTimeOffset Since, bool AlertRaised = false);
}
