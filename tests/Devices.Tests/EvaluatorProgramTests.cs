using System.Device.Gpio;
using System.Text.Json;
using Hall.Contract;
using Hall.Devices.Client;
using Hall.Devices.Evaluator;
using Hall.Devices.Gpio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Devices.Tests;

/// <summary>
/// The evaluator program as composed for production (<c>AddEvaluator</c>), on a virtual GPIO board, against a real
/// MQTTnet broker playing the box: the test publishes the counter's evaluate message and answers on <c>res/rating</c>.
/// </summary>
public sealed class EvaluatorProgramTests : IAsyncLifetime
{
    private const string HallId = "h1";
    private const string DeviceId = TestBroker.Username;
    private const string Counter = "3";
    private const int VerySatisfied = 5;
    private const int Dissatisfied = 19;
    private const int ReadyLed = 16;
    private const int ThanksLed = 20;
    private const int ErrorLed = 21;
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(30);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 3, 1, 0, 0, TimeSpan.Zero));
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task A_bouncing_key_sends_exactly_one_rating_and_the_accepted_answer_blinks_green()
    {
        using var host = await StartAsync();
        var driver = host.Services.GetRequiredService<VirtualGpioDriver>();

        await AskAsync("A012");
        await Eventually(() => driver.GetLevel(ReadyLed) == PinValue.High);

        BouncingPress(driver, VerySatisfied);
        var request = await _broker.NextRequestAsync();
        BouncingPress(driver, VerySatisfied);   // a second press in the same period
        BouncingPress(driver, Dissatisfied);

        Assert.Equal(Topics.Request(HallId, DeviceId, "rating"), request.Topic);
        using (var json = JsonDocument.Parse(request.Payload))
        {
            Assert.Equal("A012", json.RootElement.GetProperty("ticketNo").GetString());
            Assert.Equal(5, json.RootElement.GetProperty("level").GetInt32());
        }

        await _broker.ReplyAsync(Topics.Response(HallId, DeviceId, "rating"), HallJson.Serialize(Accepted(request.RequestId, "A012", 5)));
        await Eventually(() => driver.GetLevel(ThanksLed) == PinValue.High);
        Assert.Equal(PinValue.Low, driver.GetLevel(ReadyLed));

        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(PinValue.Low, driver.GetLevel(ThanksLed));

        // Nothing else was sent: the next request the box sees is the next service's.
        await AskAsync("A013");
        await Eventually(() => driver.GetLevel(ReadyLed) == PinValue.High);
        BouncingPress(driver, Dissatisfied);
        var next = await _broker.NextRequestAsync();
        using (var json = JsonDocument.Parse(next.Payload))
        {
            Assert.Equal("A013", json.RootElement.GetProperty("ticketNo").GetString());
            Assert.Equal(2, json.RootElement.GetProperty("level").GetInt32());
            Assert.Equal("未说明", json.RootElement.GetProperty("reasons")[0].GetString());
        }

        await host.StopAsync();
    }

    [Fact]
    public async Task A_refused_rating_flashes_red()
    {
        using var host = await StartAsync();
        var driver = host.Services.GetRequiredService<VirtualGpioDriver>();
        await AskAsync("A012");
        await Eventually(() => driver.GetLevel(ReadyLed) == PinValue.High);

        BouncingPress(driver, VerySatisfied);
        var request = await _broker.NextRequestAsync();
        await _broker.ReplyAsync(
            Topics.Response(HallId, DeviceId, "rating"),
            HallJson.Serialize(new ErrorReply(request.RequestId, _time.GetLocalNow(), new ErrorBody(ErrorCodes.InvalidField, "评价时间已过"))));

        await Eventually(() => driver.GetLevel(ErrorLed) == PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(PinValue.Low, driver.GetLevel(ErrorLed));
        _time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(PinValue.High, driver.GetLevel(ErrorLed));
        Assert.Equal(PinValue.Low, driver.GetLevel(ThanksLed));
        await host.StopAsync();
    }

    [Fact]
    public async Task It_goes_dark_when_the_window_closes_and_a_late_press_sends_nothing()
    {
        using var host = await StartAsync();
        var driver = host.Services.GetRequiredService<VirtualGpioDriver>();
        await AskAsync("A012");
        await Eventually(() => driver.GetLevel(ReadyLed) == PinValue.High);

        _time.Advance(Window);
        Assert.Equal(PinValue.Low, driver.GetLevel(ReadyLed));
        BouncingPress(driver, VerySatisfied);

        await AskAsync("A013");
        await Eventually(() => driver.GetLevel(ReadyLed) == PinValue.High);
        BouncingPress(driver, VerySatisfied);
        var request = await _broker.NextRequestAsync();
        using var json = JsonDocument.Parse(request.Payload);
        Assert.Equal("A013", json.RootElement.GetProperty("ticketNo").GetString());
        await host.StopAsync();
    }

    [Fact]
    public async Task Another_counters_evaluate_message_does_not_light_it()
    {
        using var host = await StartAsync();
        var driver = host.Services.GetRequiredService<VirtualGpioDriver>();

        await AskAsync("B007", counter: "4");
        BouncingPress(driver, VerySatisfied);
        Assert.Equal(PinValue.Low, driver.GetLevel(ReadyLed));

        await AskAsync("A012");
        await Eventually(() => driver.GetLevel(ReadyLed) == PinValue.High);
        BouncingPress(driver, VerySatisfied);
        var request = await _broker.NextRequestAsync();
        using var json = JsonDocument.Parse(request.Payload);
        Assert.Equal("A012", json.RootElement.GetProperty("ticketNo").GetString());
        await host.StopAsync();
    }

    [Fact]
    public async Task The_counter_comes_from_the_provisioning_json_when_not_set()
    {
        var file = Path.Combine(Path.GetTempPath(), $"evaluator-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, $$"""{"deviceId":"{{DeviceId}}","role":"evaluator","counter":"7","username":"{{TestBroker.Username}}","password":"{{TestBroker.Password}}"}""");
        try
        {
            var builder = Builder(("Evaluator:Counter", ""), ("Box:ProvisioningFile", file));
            builder.AddEvaluator();
            using var host = builder.Build();

            Assert.Equal("7", host.Services.GetRequiredService<IOptions<EvaluatorOptions>>().Value.Counter);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Refuses_to_start_without_a_counter()
    {
        var builder = Builder(("Evaluator:Counter", ""));
        builder.AddEvaluator();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Evaluator:Counter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_to_start_with_two_things_on_one_pin()
    {
        var builder = Builder(("Evaluator:ThanksLedPin", "5"));
        builder.AddEvaluator();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("pin 5", error.Message, StringComparison.Ordinal);
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

    /// <summary>A cheap key: the contact chatters a few times on closing and on opening.</summary>
    private void BouncingPress(VirtualGpioDriver driver, int pin)
    {
        foreach (var level in new[] { PinValue.Low, PinValue.High, PinValue.Low, PinValue.High, PinValue.Low })
        {
            driver.Drive(pin, level);
            _time.Advance(TimeSpan.FromMilliseconds(3));
        }

        _time.Advance(Debounce);
        foreach (var level in new[] { PinValue.High, PinValue.Low, PinValue.High })
        {
            driver.Drive(pin, level);
            _time.Advance(TimeSpan.FromMilliseconds(2));
        }

        _time.Advance(Debounce);
    }

    /// <summary>The box asks for a rating; retained, so the device gets it however its subscription races the test.</summary>
    private Task AskAsync(string ticketNo, string counter = Counter) =>
        _broker.PublishAsync(
            Topics.CounterEvaluate(HallId, counter),
            HallJson.Serialize(new EvaluateMessage
            {
                Ts = _time.GetLocalNow(),
                TicketNo = ticketNo,
                Counter = counter,
                StaffId = "s1",
                StaffName = "张三",
                Until = _time.GetUtcNow() + Window,
            }),
            retain: true);

    private RatingReply Accepted(string requestId, string ticketNo, int level) => new()
    {
        RequestId = requestId,
        Ts = _time.GetLocalNow(),
        RatingId = "r1",
        TicketNo = ticketNo,
        Level = level,
        Channel = "device",
    };

    private async Task<IHost> StartAsync()
    {
        var builder = Builder();
        builder.AddEvaluator();
        var host = builder.Build();
        await host.StartAsync();
        await Eventually(() => host.Services.GetRequiredService<HallDeviceClient>().IsOnline);
        await Eventually(() => host.Services.GetRequiredService<VirtualGpioDriver>().IsOpen(26));
        return host;
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
            ["Evaluator:Counter"] = Counter,
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddSingleton<TimeProvider>(_time);
        return builder;
    }
}
