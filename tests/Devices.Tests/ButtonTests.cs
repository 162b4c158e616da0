using System.Device.Gpio;
using Hall.Devices.Gpio;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Devices.Tests;

public sealed class ButtonTests : IDisposable
{
    private const int Pin = 5;
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(30);

    private readonly VirtualGpioDriver _driver = new();
    private readonly GpioController _controller;
    private readonly FakeTimeProvider _time = new();
    private readonly DebouncedButton _button;
    private int _presses;
    private int _releases;
    private int _longPresses;

    public ButtonTests()
    {
        _controller = new GpioController(_driver);
        _button = new DebouncedButton(Pin, _time, Debounce, TimeSpan.FromSeconds(2), controller: _controller, shouldDispose: false);
        _button.Pressed += (_, _) => _presses++;
        _button.Released += (_, _) => _releases++;
        _button.LongPressed += (_, _) => _longPresses++;
    }

    public void Dispose()
    {
        _button.Dispose();
        _controller.Dispose();
    }

    [Fact]
    public void Pull_up_input_reads_high_until_the_key_closes()
    {
        Assert.Equal(PinMode.InputPullUp, _controller.GetPinMode(Pin));
        Assert.Equal(PinValue.High, _controller.Read(Pin));
        Assert.False(_button.IsPressed);
    }

    [Fact]
    public void Contact_bounce_within_the_window_gives_exactly_one_press()
    {
        // A cheap key chatters for a few ms on closing, and again on opening.
        Bounce(PinValue.Low);
        _time.Advance(Debounce);

        Assert.Equal(1, _presses);
        Assert.True(_button.IsPressed);

        Bounce(PinValue.High);
        _time.Advance(Debounce);

        Assert.Equal(1, _presses);
        Assert.Equal(1, _releases);
        Assert.False(_button.IsPressed);
    }

    [Fact]
    public void No_press_is_seen_before_the_contact_has_settled()
    {
        _driver.Drive(Pin, PinValue.Low);
        _time.Advance(Debounce - TimeSpan.FromMilliseconds(1));

        Assert.Equal(0, _presses);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, _presses);
    }

    [Fact]
    public void A_glitch_shorter_than_the_window_is_not_a_press()
    {
        _driver.Drive(Pin, PinValue.Low);
        _time.Advance(TimeSpan.FromMilliseconds(5));
        _driver.Drive(Pin, PinValue.High);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, _presses);
    }

    [Fact]
    public void Two_separate_presses_count_twice()
    {
        Tap();
        Tap();

        Assert.Equal(2, _presses);
        Assert.Equal(0, _longPresses);
    }

    [Fact]
    public void Holding_the_key_gives_one_long_press()
    {
        Bounce(PinValue.Low);
        _time.Advance(Debounce);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, _longPresses);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _longPresses);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _longPresses);
        Assert.Equal(1, _presses);
    }

    [Fact]
    public void Releasing_before_the_hold_time_gives_no_long_press()
    {
        _driver.Drive(Pin, PinValue.Low);
        _time.Advance(TimeSpan.FromSeconds(1));
        _driver.Drive(Pin, PinValue.High);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(1, _presses);
        Assert.Equal(0, _longPresses);
    }

    [Fact]
    public void Active_high_key_with_pull_down_presses_on_high()
    {
        using var key = new DebouncedButton(7, _time, Debounce, isPullUp: false, controller: _controller, shouldDispose: false);
        var presses = 0;
        key.Pressed += (_, _) => presses++;

        Assert.Equal(PinMode.InputPullDown, _controller.GetPinMode(7));
        _driver.Drive(7, PinValue.High);
        _time.Advance(Debounce);

        Assert.Equal(1, presses);
    }

    [Fact]
    public void Disposing_a_button_that_does_not_own_the_controller_closes_only_its_pin()
    {
        _button.Dispose();

        Assert.False(_controller.IsPinOpen(Pin));
        _controller.OpenPin(6, PinMode.Output);
        Assert.True(_controller.IsPinOpen(6));
    }

    private void Tap()
    {
        Bounce(PinValue.Low);
        _time.Advance(Debounce + TimeSpan.FromMilliseconds(50));
        Bounce(PinValue.High);
        _time.Advance(Debounce + TimeSpan.FromMilliseconds(50));
    }

    private void Bounce(PinValue settle)
    {
        var other = settle == PinValue.Low ? PinValue.High : PinValue.Low;
        foreach (var ms in new[] { 2, 3, 1, 4 })
        {
            _driver.Drive(Pin, settle);
            _time.Advance(TimeSpan.FromMilliseconds(ms));
            _driver.Drive(Pin, other);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        _driver.Drive(Pin, settle);
    }
}
