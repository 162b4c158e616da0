using Hall.Contract;
using Hall.Devices.Client;
using Hall.Devices.Gpio;

namespace Hall.Devices.CallerKeypad;

/// <summary>
/// The keypad without its wires: a key press becomes a <c>req/counter</c> command, a reply becomes LED states.
/// One command at a time: a press while one is in flight is ignored, so a double tap on NEXT calls one ticket.
/// Not thread-safe; the worker serialises calls.
/// </summary>
public sealed class KeypadLogic
{
    private readonly TimeProvider _timeProvider;
    private readonly Func<string> _newRequestId;
    private string? _inFlight;
    private bool _online;
    private bool _paused;
    private bool _error;

    /// <param name="timeProvider">Stamps each command's <c>ts</c>.</param>
    /// <param name="newRequestId">Makes request ids; a time-ordered GUID when null.</param>
    public KeypadLogic(TimeProvider timeProvider, Func<string>? newRequestId = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _newRequestId = newRequestId ?? (() => Guid.CreateVersion7(_timeProvider.GetUtcNow()).ToString("N"));
    }

    public bool IsOnline => _online;

    public bool IsBusy => _inFlight is not null;

    /// <summary>The counter's state as of the last reply: true when paused, so PAUSE/RESUME sends <c>resume</c>.</summary>
    public bool IsPaused => _paused;

    public KeypadIndicator Indicator
    {
        get
        {
            if (!_online)
            {
                return new KeypadIndicator(LedMode.Off, LedMode.SlowBlink);
            }

            var ready = _paused ? LedMode.SlowBlink : LedMode.On;
            var status = _inFlight is not null ? LedMode.On : _error ? LedMode.ErrorFlash : LedMode.Off;
            return new KeypadIndicator(ready, status);
        }
    }

    /// <summary>The contract's <c>cmd</c> for a key, given whether the counter is paused.</summary>
    public static string CommandFor(KeypadButton button, bool paused) => button switch
    {
        KeypadButton.Next => "next",
        KeypadButton.Recall => "recall",
        KeypadButton.Skip => "skip",
        KeypadButton.PauseResume => paused ? "resume" : "pause",
        KeypadButton.Finish => "finish",
        _ => throw new ArgumentOutOfRangeException(nameof(button), button, null),
    };

    /// <summary>A key press: the command to send, or null when offline or a command is still in flight.</summary>
    public CounterRequest? Press(KeypadButton button)
    {
        if (!_online || _inFlight is not null)
        {
            return null;
        }

        _error = false;
        _inFlight = _newRequestId();
        return new CounterRequest
        {
            RequestId = _inFlight,
            Ts = _timeProvider.GetLocalNow(),
            Cmd = CommandFor(button, _paused),
        };
    }

    /// <summary>The box's answer (or the client's no-reply) to the command in flight.</summary>
    public KeypadIndicator OnReply(DeviceReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.RequestId != _inFlight)
        {
            return Indicator;
        }

        _inFlight = null;
        if (reply.Error is { } error)
        {
            _error = true;

            // Paused or resumed elsewhere (the counter page): learn it so the next PAUSE/RESUME press does the other thing.
            if (error.Code == ErrorCodes.CounterPaused)
            {
                _paused = true;
            }
        }
        else if (reply.ReadAs<CounterStateMessage>() is { } state)
        {
            _paused = state.Status == "paused";
        }

        return Indicator;
    }

    public KeypadIndicator OnConnectionChanged(bool online)
    {
        _online = online;
        return Indicator;
    }
}
