using System.Device.Gpio;

namespace Hall.Devices.Gpio;

/// <summary>
/// A GPIO driver with no hardware behind it. Tests, the hall simulator and the demo drive a real
/// <see cref="GpioController"/> over it: <see cref="Drive"/> is a contact closing or opening on an input,
/// <see cref="GetLevel"/> is what a probe on an output would see.
/// </summary>
/// <remarks>
/// Pull-ups and pull-downs are modelled: an undriven input opened as <see cref="PinMode.InputPullUp"/> reads High.
/// Edge callbacks run synchronously on the thread that changed the level, so a test sees their effect at once.
/// </remarks>
public sealed class VirtualGpioDriver : GpioDriver
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, VirtualPin> _pins = [];
    private readonly int _pinCount;

    /// <summary>Creates a driver with pins 0 to <paramref name="pinCount"/> − 1.</summary>
    public VirtualGpioDriver(int pinCount = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pinCount);
        _pinCount = pinCount;
    }

    /// <summary>Raised after any pin's level changed, whether driven from outside or written by the program.</summary>
    public event EventHandler<PinValueChangedEventArgs>? LevelChanged;

    /// <inheritdoc />
    protected override int PinCount => _pinCount;

    /// <summary>Sets the level an outside circuit puts on a pin (a button closing to ground, a sensor output).</summary>
    public void Drive(int pinNumber, PinValue value)
    {
        CheckPin(pinNumber);
        SetLevel(pinNumber, value, driven: true);
    }

    /// <summary>Lets go of a pin driven by <see cref="Drive"/>; its pull resistor decides the level again.</summary>
    public void Release(int pinNumber)
    {
        CheckPin(pinNumber);
        PinValue level;
        lock (_lock)
        {
            var pin = GetOrAdd(pinNumber);
            pin.Driven = false;
            level = pin.Mode switch
            {
                PinMode.InputPullUp => PinValue.High,
                PinMode.InputPullDown => PinValue.Low,
                _ => pin.Level,
            };
        }

        SetLevel(pinNumber, level, driven: false);
    }

    /// <summary>The level on a pin now.</summary>
    public PinValue GetLevel(int pinNumber)
    {
        CheckPin(pinNumber);
        lock (_lock)
        {
            return GetOrAdd(pinNumber).Level;
        }
    }

    /// <summary>Whether the program has the pin open.</summary>
    public bool IsOpen(int pinNumber)
    {
        lock (_lock)
        {
            return _pins.TryGetValue(pinNumber, out var pin) && pin.IsOpen;
        }
    }

    /// <summary>How many times the program wrote the pin (a blinking LED is written on every toggle).</summary>
    public int WriteCount(int pinNumber)
    {
        lock (_lock)
        {
            return _pins.TryGetValue(pinNumber, out var pin) ? pin.Writes : 0;
        }
    }

    /// <inheritdoc />
    protected override void OpenPin(int pinNumber)
    {
        CheckPin(pinNumber);
        lock (_lock)
        {
            GetOrAdd(pinNumber).IsOpen = true;
        }
    }

    /// <inheritdoc />
    protected override void ClosePin(int pinNumber)
    {
        lock (_lock)
        {
            if (_pins.TryGetValue(pinNumber, out var pin))
            {
                pin.IsOpen = false;
                pin.Callbacks.Clear();
            }
        }
    }

    /// <inheritdoc />
    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        CheckPin(pinNumber);
        PinValue? pulled = null;
        lock (_lock)
        {
            var pin = GetOrAdd(pinNumber);
            pin.Mode = mode;
            if (!pin.Driven)
            {
                pulled = mode switch
                {
                    PinMode.InputPullUp => PinValue.High,
                    PinMode.InputPullDown => PinValue.Low,
                    _ => null,
                };
            }
        }

        if (pulled is { } level)
        {
            SetLevel(pinNumber, level, driven: false);
        }
    }

    /// <inheritdoc />
    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_lock)
        {
            return GetOrAdd(pinNumber).Mode;
        }
    }

    /// <inheritdoc />
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => pinNumber >= 0 && pinNumber < _pinCount;

    /// <inheritdoc />
    protected override PinValue Read(int pinNumber) => GetLevel(pinNumber);

    /// <inheritdoc />
    protected override void Write(int pinNumber, PinValue value)
    {
        CheckPin(pinNumber);
        lock (_lock)
        {
            GetOrAdd(pinNumber).Writes++;
        }

        SetLevel(pinNumber, value, driven: false);
    }

    /// <inheritdoc />
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        using var seen = new ManualResetEventSlim();
        PinEventTypes type = PinEventTypes.None;
        void OnEdge(object sender, PinValueChangedEventArgs args)
        {
            type = args.ChangeType;
            seen.Set();
        }

        AddCallbackForPinValueChangedEvent(pinNumber, eventTypes, OnEdge);
        try
        {
            seen.Wait(cancellationToken);
            return new WaitForEventResult { EventTypes = type, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally
        {
            RemoveCallbackForPinValueChangedEvent(pinNumber, OnEdge);
        }
    }

    /// <inheritdoc />
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        CheckPin(pinNumber);
        lock (_lock)
        {
            GetOrAdd(pinNumber).Callbacks.Add((eventTypes, callback));
        }
    }

    /// <inheritdoc />
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_lock)
        {
            if (_pins.TryGetValue(pinNumber, out var pin))
            {
                pin.Callbacks.RemoveAll(c => c.Callback == callback);
            }
        }
    }

    private void SetLevel(int pinNumber, PinValue value, bool driven)
    {
        (PinEventTypes Types, PinChangeEventHandler Callback)[] callbacks;
        PinEventTypes edge;
        lock (_lock)
        {
            var pin = GetOrAdd(pinNumber);
            if (driven)
            {
                pin.Driven = true;
            }

            if (pin.Level == value)
            {
                return;
            }

            pin.Level = value;
            edge = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            callbacks = [.. pin.Callbacks];
        }

        // Outside the lock: a callback may read the pin or write another one.
        var args = new PinValueChangedEventArgs(edge, pinNumber);
        foreach (var (types, callback) in callbacks)
        {
            if ((types & edge) != 0)
            {
                callback(this, args);
            }
        }

        LevelChanged?.Invoke(this, args);
    }

    private VirtualPin GetOrAdd(int pinNumber)
    {
        if (!_pins.TryGetValue(pinNumber, out var pin))
        {
            pin = new VirtualPin();
            _pins.Add(pinNumber, pin);
        }

        return pin;
    }

    private void CheckPin(int pinNumber)
    {
        if (pinNumber < 0 || pinNumber >= _pinCount)
        {
            throw new ArgumentOutOfRangeException(nameof(pinNumber), pinNumber, $"This virtual board has pins 0 to {_pinCount - 1}.");
        }
    }

    private sealed class VirtualPin
    {
        public bool IsOpen { get; set; }

        public bool Driven { get; set; }

        public PinMode Mode { get; set; } = PinMode.Input;

        public PinValue Level { get; set; } = PinValue.Low;

        public int Writes { get; set; }

        public List<(PinEventTypes Types, PinChangeEventHandler Callback)> Callbacks { get; } = [];
    }
}
