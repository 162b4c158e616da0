using System.Device.Gpio;

namespace Hall.Devices.Gpio;

/// <summary>
/// An indicator LED on one GPIO pin: on, off, or blinking on a <see cref="TimeProvider"/> timer.
/// </summary>
public sealed class Led : IDisposable
{
    private readonly Lock _lock = new();
    private readonly GpioController _controller;
    private readonly bool _shouldDispose;
    private readonly PinValue _onLevel;
    private readonly ITimer _timer;
    private TimeSpan _onTime;
    private TimeSpan _offTime;
    private int? _flashesLeft;
    private bool _isLit;
    private bool _blinking;
    private bool _disposed;
    private LedMode _mode;

    /// <summary>Opens <paramref name="pin"/> as an output and turns the LED off.</summary>
    /// <param name="pin">The pin number in the controller's numbering.</param>
    /// <param name="timeProvider">The clock for blinking.</param>
    /// <param name="activeLow">True when the LED is wired from 3V3 to the pin, so Low lights it.</param>
    /// <param name="controller">The controller to use; a new one when null.</param>
    /// <param name="shouldDispose">Whether disposing the LED disposes the controller (only when it owns it).</param>
    public Led(int pin, TimeProvider timeProvider, bool activeLow = false, GpioController? controller = null, bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        Pin = pin;
        _shouldDispose = shouldDispose || controller is null;
        _controller = controller ?? new GpioController();
        _onLevel = activeLow ? PinValue.Low : PinValue.High;
        _controller.OpenPin(pin, PinMode.Output, !_onLevel);
        _timer = timeProvider.CreateTimer(_ => OnTick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public int Pin { get; }

    /// <summary>Whether the LED is lit at this moment (a blinking LED is lit half the time).</summary>
    public bool IsLit
    {
        get
        {
            lock (_lock)
            {
                return _isLit;
            }
        }
    }

    public bool IsBlinking
    {
        get
        {
            lock (_lock)
            {
                return _blinking;
            }
        }
    }

    /// <summary>The pattern last set with <see cref="Show"/>, or the steady state set with <see cref="On"/> / <see cref="Off"/>.</summary>
    public LedMode Mode
    {
        get
        {
            lock (_lock)
            {
                return _mode;
            }
        }
    }

    /// <summary>
    /// Shows a pattern; setting the pattern already shown changes nothing, so a blink is not restarted.
    /// SlowBlink is 0.5 s lit in every 2 s; ErrorFlash is five 150 ms flashes, then dark.
    /// </summary>
    public void Show(LedMode mode)
    {
        lock (_lock)
        {
            if (mode == _mode && (mode != LedMode.ErrorFlash || _blinking))
            {
                return;
            }
        }

        switch (mode)
        {
            case LedMode.Off:
                Off();
                break;
            case LedMode.On:
                On();
                break;
            case LedMode.SlowBlink:
                Blink(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1500));
                break;
            case LedMode.ErrorFlash:
                Blink(TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(150), flashes: 5);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }

        lock (_lock)
        {
            _mode = mode;
        }
    }

    public void On() => SetSteady(true);

    public void Off() => SetSteady(false);

    /// <summary>
    /// Blinks, starting lit: <paramref name="onTime"/> lit, <paramref name="offTime"/> dark.
    /// After <paramref name="flashes"/> flashes the LED stays off; null blinks until told otherwise.
    /// </summary>
    public void Blink(TimeSpan onTime, TimeSpan offTime, int? flashes = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(onTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(offTime, TimeSpan.Zero);
        if (flashes is { } n)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n, nameof(flashes));
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _onTime = onTime;
            _offTime = offTime;
            _flashesLeft = flashes;
            _blinking = true;
            Light(true);
            _timer.Change(onTime, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
            if (_controller.IsPinOpen(Pin))
            {
                _controller.Write(Pin, !_onLevel);
            }
        }

        if (_shouldDispose)
        {
            _controller.Dispose();
        }
        else if (_controller.IsPinOpen(Pin))
        {
            _controller.ClosePin(Pin);
        }
    }

    private void SetSteady(bool lit)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _blinking = false;
            _mode = lit ? LedMode.On : LedMode.Off;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Light(lit);
        }
    }

    private void OnTick()
    {
        lock (_lock)
        {
            if (_disposed || !_blinking)
            {
                return;
            }

            if (_isLit)
            {
                Light(false);
                if (_flashesLeft is { } left)
                {
                    _flashesLeft = left - 1;
                    if (left - 1 <= 0)
                    {
                        _blinking = false;
                        return;
                    }
                }

                _timer.Change(_offTime, Timeout.InfiniteTimeSpan);
            }
            else
            {
                Light(true);
                _timer.Change(_onTime, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Light(bool lit)
    {
        _isLit = lit;
        _controller.Write(Pin, lit ? _onLevel : !_onLevel);
    }
}
