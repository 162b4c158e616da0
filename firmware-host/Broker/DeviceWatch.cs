using System.Collections.Concurrent;
using Hall.Contract;
using Hall.FirmwareHost.Box;

namespace Hall.FirmwareHost.Broker;

/// <summary>
/// Knows which devices are online and raises a <c>device-offline</c> alert when one drops without
/// saying goodbye (its last will), and the all-clear when it comes back.
/// </summary>
public sealed class DeviceWatch
{
    private readonly ConcurrentDictionary<string, DeviceState> _devices = new(StringComparer.Ordinal);
    private readonly IHallPublisher _publisher;
    private readonly HallClock _clock;

    public DeviceWatch(IHallPublisher publisher, HallClock clock)
    {
        _publisher = publisher;
        _clock = clock;
    }

    public IReadOnlyCollection<DeviceState> Devices => _devices.Values.ToList();

    /// <summary>Devices that dropped without a goodbye and have not come back, as alerts.</summary>
    public IReadOnlyList<AlertMessage> ActiveAlerts => _devices.Values
        .Where(d => d is { Online: false, AlertRaised: true })
        .Select(d => new AlertMessage
        {
            Ts = d.Since,
            Type = "device-offline",
            Message = $"设备 {d.DeviceId} 离线,请检查电源和网络",
            DeviceId = d.DeviceId,
            Counter = d.Counter,
        })
        .ToList();

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
        _publisher.PublishAsync(
            Topics.Alert(_publisher.HallId),
            new AlertMessage
            {
                Ts = _clock.Now(),
                Type = "device-offline",
                Message = message,
                DeviceId = device.DeviceId,
                Counter = device.Counter,
                Active = active,
            },
            retain: false,
            cancellationToken);

    /// <summary>A device as last seen.</summary>
    public sealed record DeviceState(string DeviceId, DeviceRole Role, string? Counter, bool Online, DateTimeOffset Since, bool AlertRaised = false);
}
