using System.Device.Gpio;
using System.Text.Json;
using Hall.Contract;
using Hall.Devices.CallerKeypad;
using Hall.Devices.Client;
using Hall.Devices.Gpio;
using Hall.Devices.TicketKiosk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Devices.Tests;

/// <summary>
/// The two device programs as composed for production (same AddXxx calls), on a virtual GPIO board,
/// against a real broker playing the box.
/// </summary>
public sealed class DeviceProgramTests : IAsyncLifetime
{
    private const string HallId = "h1";
    private const string DeviceId = TestBroker.Username;
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 3, 1, 0, 0, TimeSpan.Zero));
    private readonly FakePrinter _printer = new();
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Kiosk_button_prints_the_ticket_the_box_issued()
    {
        using var host = await StartKioskAsync();
        var driver = host.Services.GetRequiredService<VirtualGpioDriver>();

        Press(driver, 5);
        var request = await _broker.NextRequestAsync();

        Assert.Equal(Topics.Request(HallId, DeviceId, "ticket"), request.Topic);
        using (var json = JsonDocument.Parse(request.Payload))
        {
            Assert.Equal("A", json.RootElement.GetProperty("category").GetString());
        }

        await _broker.ReplyAsync(Topics.Response(HallId, DeviceId, "ticket"), HallJson.Serialize(Ticket(request.RequestId, "A012")));

        var printed = await _printer.Printed.Reader.ReadAsync(new CancellationTokenSource(TestBroker.WaitLimit).Token);
        Assert.Equal("A012", printed.TicketNo);
    }

    [Fact]
    public async Task Kiosk_prints_nothing_on_an_error_reply_and_flashes_the_error_led()
    {
        using var host = await StartKioskAsync();
        var driver = host.Services.GetRequiredService<VirtualGpioDriver>();

        Press(driver, 6);
        var request = await _broker.NextRequestAsync();
        var writesWhileWaiting = driver.WriteCount(21);
        Assert.Equal(PinValue.High, driver.GetLevel(21)); // lit while the box is asked
        await _broker.ReplyAsync(
            Topics.Response(HallId, DeviceId, "ticket"),
            HallJson.Serialize(new ErrorReply(request.RequestId, _time.GetLocalNow(), new ErrorBody(ErrorCodes.CategoryClosed, "该业务今日已停止取号"))));

        // The red LED (pin 21) flashes: lit, then dark 150 ms later, then lit again.
        await Eventually(() => driver.WriteCount(21) > writesWhileWaiting);
        Assert.Equal(PinValue.High, driver.GetLevel(21));
        _time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(PinValue.Low, driver.GetLevel(21));
        _time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(PinValue.High, driver.GetLevel(21));
        Assert.Equal(0, _printer.Printed.Reader.Count);
    }

    [Fact]
    public async Task Kiosk_refuses_to_start_without_a_hall_name()
    {
        var builder = KioskBuilder(("Ticket:HallName", ""));

        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Ticket:HallName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kiosk_refuses_to_start_with_two_things_on_one_pin()
    {
        var builder = KioskBuilder(("Kiosk:Buttons:1:Pin", "20"));

        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("pin 20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keypad_next_key_sends_next_and_a_double_tap_sends_it_once()
    {
        var builder = Builder(
            ("Keypad:NextPin", "5"),
            ("Keypad:RecallPin", "6"),
            ("Keypad:SkipPin", "13"),
            ("Keypad:PauseResumePin", "19"),
            ("Keypad:FinishPin", "26"));
        builder.AddCallerKeypad();
        using var host = builder.Build();
        await host.StartAsync();
        await Eventually(() => host.Services.GetRequiredService<HallDeviceClient>().IsOnline);
        var driver = host.Services.GetRequiredService<VirtualGpioDriver>();
        await Eventually(() => driver.IsOpen(26));

        Press(driver, 5);
        var request = await _broker.NextRequestAsync();
        Assert.Equal(PinValue.High, driver.GetLevel(21)); // red: waiting for the box
        Press(driver, 5);

        Assert.Equal(Topics.Request(HallId, DeviceId, "counter"), request.Topic);
        using (var json = JsonDocument.Parse(request.Payload))
        {
            Assert.Equal("next", json.RootElement.GetProperty("cmd").GetString());
        }

        await _broker.ReplyAsync(
            Topics.Response(HallId, DeviceId, "counter"),
            HallJson.Serialize(new CounterStateMessage { RequestId = request.RequestId, Ts = _time.GetLocalNow(), Counter = "3", Status = "open", TicketNo = "A012", Since = _time.GetLocalNow() }));

        // The red LED goes dark when the answer is in; the keypad takes keys again.
        await Eventually(() => driver.GetLevel(21) == PinValue.Low);
        Assert.Equal(PinValue.High, driver.GetLevel(20));
        Press(driver, 26);
        var finish = await _broker.NextRequestAsync();
        using (var json = JsonDocument.Parse(finish.Payload))
        {
            Assert.Equal("finish", json.RootElement.GetProperty("cmd").GetString());
        }

        await host.StopAsync();
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TestBroker.WaitLimit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition never became true");
            }

            await Task.Delay(10);
        }
    }

    private void Press(VirtualGpioDriver driver, int pin)
    {
        driver.Drive(pin, PinValue.Low);
        _time.Advance(Debounce);
        driver.Drive(pin, PinValue.High);
        _time.Advance(Debounce);
    }

    private async Task<IHost> StartKioskAsync()
    {
        var host = KioskBuilder().Build();
        await host.StartAsync();
        await Eventually(() => host.Services.GetRequiredService<HallDeviceClient>().IsOnline);
        await Eventually(() => host.Services.GetRequiredService<VirtualGpioDriver>().IsOpen(6));
        return host;
    }

    private HostApplicationBuilder KioskBuilder(params (string Key, string Value)[] overrides)
    {
        var builder = Builder(
            [
                ("Kiosk:Buttons:0:Pin", "5"),
                ("Kiosk:Buttons:0:Category", "A"),
                ("Kiosk:Buttons:1:Pin", "6"),
                ("Kiosk:Buttons:1:Category", "B"),
                ("Kiosk:ReadyLedPin", "20"),
                ("Kiosk:ErrorLedPin", "21"),
                ("Printer:PortName", "/dev/ttyUSB0"),
                ("Ticket:HallName", "城关镇便民服务中心"),
                .. overrides,
            ]);
        builder.Services.AddSingleton<ITicketPrinter>(_printer);
        builder.AddTicketKiosk();
        return builder;
    }

    private HostApplicationBuilder Builder(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var values = new Dictionary<string, string?>
        {
            ["Box:Host"] = "127.0.0.1",
            ["Box:Port"] = _broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Box:HallId"] = HallId,
            ["Box:DeviceId"] = DeviceId,
            ["Box:Username"] = TestBroker.Username,
            ["Box:Password"] = TestBroker.Password,
            ["Gpio:Virtual"] = "true",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddSingleton<TimeProvider>(_time);
        return builder;
    }

    private TicketReply Ticket(string requestId, string ticketNo) => new()
    {
        RequestId = requestId,
        Ts = _time.GetLocalNow(),
        TicketNo = ticketNo,
        Category = ticketNo[..1],
        WaitingAhead = 2,
        EstimatedWaitMinutes = 10,
        IssuedAt = _time.GetLocalNow(),
    };

    private sealed class FakePrinter : ITicketPrinter
    {
        public System.Threading.Channels.Channel<TicketReply> Printed { get; } = System.Threading.Channels.Channel.CreateUnbounded<TicketReply>();

        public Task PrintAsync(TicketReply ticket, CancellationToken cancellationToken) => Printed.Writer.WriteAsync(ticket, cancellationToken).AsTask();
    }
}
