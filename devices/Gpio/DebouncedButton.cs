using System.Device.Gpio;

namespace Hall.Devices.Gpio;

/// <summary>
/// A push button on one GPIO pin, debounced in time: a press counts once the contact has stayed closed
/// for <see cref="DebounceTime"/>, so the bounce of a cheap switch yields one press. Holding it for
/// <see cref="LongPressTime"/> raises <see cref="LongPressed"/> as well.
/// </summary>
/// <remarks>
/// All timing comes from the <see cref="TimeProvider"/>: tests move a fake clock instead of sleeping.
/// Events are raised on the timer's thread; handlers should hand work off quickly.
/// </remarks>
public sealed class DebouncedButton : IDisposable
{
    /// <summary>Long enough for the bounce of the arcade and membrane buttons we fit, short enough to feel instant.</summary>
    public static readonly TimeSpan DefaultDebounceTime = TimeSpan.FromMilliseconds(30);

    public static readonly TimeSpan DefaultLongPressTime = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly GpioController _controller;
    private readonly bool _shouldDispose;
    private readonly PinValue _pressedLevel;
    private readonly ITimer _settleTimer;
    private readonly ITimer _holdTimer;
    private bool _isPressed;
    private bool _longPressRaised;
    private bool _disposed;

    /// <summary>Opens <paramref name="pin"/> as an input and starts watching it.</summary>
    /// <param name="pin">The pin number in the controller's numbering.</param>
    /// <param name="timeProvider">The clock for debounce and hold.</param>
    /// <param name="debounceTime">How long the contact must stay put; default 30 ms.</param>
    /// <param name="longPressTime">How long a hold is a long press; default 2 s.</param>
    /// <param name="isPullUp">True (the usual wiring): the button closes the pin to GND, so pressed reads Low.</param>
    /// <param name="hasExternalResistor">True when the board has its own pull resistor; the internal one is then left off.</param>
    /// <param name="controller">The controller to use; a new one when null.</param>
    /// <param name="shouldDispose">Whether disposing the button disposes the controller (only when it owns it).</param>
    public DebouncedButton(
        int pin,
        TimeProvider timeProvider,
        TimeSpan? debounceTime = null,
        TimeSpan? longPressTime = null,
        bool isPullUp = true,
        bool hasExternalResistor = false,
        GpioController? controller = null,
        bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        DebounceTime = debounceTime ?? DefaultDebounceTime;
        LongPressTime = longPressTime ?? DefaultLongPressTime;
        ArgumentOutOfRangeException.ThrowIfLessThan(DebounceTime, TimeSpan.Zero, nameof(debounceTime));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LongPressTime, DebounceTime, nameof(longPressTime));

        Pin = pin;
        _shouldDispose = shouldDispose || controller is null;
        _controller = controller ?? new GpioController();
        _pressedLevel = isPullUp ? PinValue.Low : PinValue.High;

        var mode = hasExternalResistor ? PinMode.Input : isPullUp ? PinMode.InputPullUp : PinMode.InputPullDown;
        _controller.OpenPin(pin, mode);

        _settleTimer = timeProvider.CreateTimer(_ => OnSettled(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _holdTimer = timeProvider.CreateTimer(_ => OnHeld(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        // A button already held at start (or stuck) is not a press.
        _isPressed = _controller.Read(pin) == _pressedLevel;
        _controller.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, OnEdge);
    }

    /// <summary>Raised once per press, when the contact has settled closed.</summary>
    public event EventHandler? Pressed;

    /// <summary>Raised when the contact has settled open again.</summary>
    public event EventHandler? Released;

    /// <summary>Raised once per press that is held for <see cref="LongPressTime"/>.</summary>
    public event EventHandler? LongPressed;

    public int Pin { get; }

    public TimeSpan DebounceTime { get; }

    public TimeSpan LongPressTime { get; }

    /// <summary>The debounced state: true while the button is held down.</summary>
    public bool IsPressed
    {
        get
        {
            lock (_lock)
            {
                return _isPressed;
            }
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
        }

        _controller.UnregisterCallbackForPinValueChangedEvent(Pin, OnEdge);
        _settleTimer.Dispose();
        _holdTimer.Dispose();
        if (_shouldDispose)
        {
            _controller.Dispose();
        }
        else if (_controller.IsPinOpen(Pin))
        {
            _controller.ClosePin(Pin);
        }
    }

    private void OnEdge(object sender, PinValueChangedEventArgs args)
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                // Every edge restarts the window: only a level that stays put for DebounceTime counts.
                _settleTimer.Change(DebounceTime, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnSettled()
    {
        EventHandler? raise;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            var down = _controller.Read(Pin) == _pressedLevel;
            if (down == _isPressed)
            {
                return;
            }

            _isPressed = down;
            if (down)
            {
                _longPressRaised = false;
                _holdTimer.Change(LongPressTime - DebounceTime, Timeout.InfiniteTimeSpan);
                raise = Pressed;
            }
            else
            {
                _holdTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                raise = Released;
            }
        }

        raise?.Invoke(this, EventArgs.Empty);
    }

    private void OnHeld()
    {
        lock (_lock)
        {
            if (_disposed || !_isPressed || _longPressRaised)
            {
                return;
            }

            _longPressRaised = true;
        }

        LongPressed?.Invoke(this, EventArgs.Empty);
    }
}
