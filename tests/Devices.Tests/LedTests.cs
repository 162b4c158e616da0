using System.Device.Gpio;
using Hall.Devices.Gpio;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Devices.Tests;

public sealed class LedTests : IDisposable
{
    private const int Pin = 20;
    private readonly VirtualGpioDriver _driver = new();
    private readonly GpioController _controller;
    private readonly FakeTimeProvider _time = new();
    private readonly Led _led;

    public LedTests()
    {
        _controller = new GpioController(_driver);
        _led = new Led(Pin, _time, controller: _controller, shouldDispose: false);
    }

    public void Dispose()
    {
        _led.Dispose();
        _controller.Dispose();
    }

    [Fact]
    public void Starts_dark_and_follows_on_and_off()
    {
        Assert.Equal(PinValue.Low, _driver.GetLevel(Pin));
        _led.On();
        Assert.Equal(PinValue.High, _driver.GetLevel(Pin));
        _led.Off();
        Assert.Equal(PinValue.Low, _driver.GetLevel(Pin));
    }

    [Fact]
    public void Blinks_on_the_fake_clock()
    {
        _led.Blink(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300));

        Assert.Equal(PinValue.High, _driver.GetLevel(Pin));
        _time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Equal(PinValue.High, _driver.GetLevel(Pin));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(PinValue.Low, _driver.GetLevel(Pin));
        _time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(PinValue.High, _driver.GetLevel(Pin));

        // Ten more periods: still blinking.
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(400));
        }

        Assert.True(_led.IsBlinking);
        Assert.Equal(PinValue.High, _driver.GetLevel(Pin));
    }

    [Fact]
    public void A_counted_blink_ends_dark()
    {
        _led.Blink(TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(150), flashes: 3);
        var lit = 0;
        _driver.LevelChanged += (_, e) => lit += e.ChangeType == PinEventTypes.Rising ? 1 : 0;

        // FakeTimeProvider jumps straight to the end of one Advance, so step as a real clock would tick.
        for (var i = 0; i < 40; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(150));
        }

        Assert.Equal(2, lit); // the first flash was lit by Blink itself
        Assert.False(_led.IsBlinking);
        Assert.Equal(PinValue.Low, _driver.GetLevel(Pin));
    }

    [Fact]
    public void Steady_on_stops_a_blink()
    {
        _led.Blink(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        _led.On();
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(PinValue.High, _driver.GetLevel(Pin));
        Assert.False(_led.IsBlinking);
    }

    [Fact]
    public void Showing_the_same_pattern_again_does_not_restart_it()
    {
        _led.Show(LedMode.SlowBlink);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(PinValue.Low, _driver.GetLevel(Pin));

        _led.Show(LedMode.SlowBlink);

        Assert.Equal(PinValue.Low, _driver.GetLevel(Pin));
        Assert.Equal(LedMode.SlowBlink, _led.Mode);
    }

    [Fact]
    public void Active_low_led_is_lit_by_low()
    {
        using var led = new Led(21, _time, activeLow: true, controller: _controller, shouldDispose: false);
        Assert.Equal(PinValue.High, _driver.GetLevel(21));
        led.On();
        Assert.Equal(PinValue.Low, _driver.GetLevel(21));
    }
}
