using Hall.Contract;
using Hall.DeviceRegistry;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>One running box with a kiosk, two callers (counters 1 and 2), a display and an evaluator enrolled.</summary>
public sealed class BoxFixture : IAsyncLifetime
{
    public BoxProcess Box { get; } = new();

    public DeviceCredentials Kiosk { get; private set; } = null!;

    public DeviceCredentials Caller1 { get; private set; } = null!;

    public DeviceCredentials Caller2 { get; private set; } = null!;

    public DeviceCredentials Display { get; private set; } = null!;

    public DeviceCredentials Evaluator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Kiosk = Box.Enroll("kiosk-1", DeviceRole.Kiosk);
        Caller1 = Box.Enroll("caller-1", DeviceRole.Caller, "1");
        Caller2 = Box.Enroll("caller-2", DeviceRole.Caller, "2");
        Display = Box.Enroll("display-hall", DeviceRole.Display);
        Evaluator = Box.Enroll("evaluator-1", DeviceRole.Evaluator, "1");
        await Box.StartAsync();
    }

    public async Task DisposeAsync() => await Box.DisposeAsync();
}
