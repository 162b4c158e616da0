using Hall.Contract;
using Hall.Devices.Client;
using Hall.Devices.Gpio;

namespace Hall.Devices.TicketKiosk;

/// <summary>
/// The kiosk without its wires: a category button becomes a <c>req/ticket</c>, the reply becomes a print job
/// or an error flash. One ticket at a time: presses while one is being issued are ignored. Not thread-safe.
/// </summary>
public sealed class KioskLogic
{
    private readonly TimeProvider _timeProvider;
    private readonly Func<string> _newRequestId;
    private string? _inFlight;
    private bool _online;
    private bool _error;

    /// <param name="timeProvider">Stamps each request's <c>ts</c>.</param>
    /// <param name="newRequestId">Makes request ids; a time-ordered GUID when null.</param>
    public KioskLogic(TimeProvider timeProvider, Func<string>? newRequestId = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _newRequestId = newRequestId ?? (() => Guid.CreateVersion7(_timeProvider.GetUtcNow()).ToString("N"));
    }

    public bool IsBusy => _inFlight is not null;

    /// <summary>Ready LED and error LED.</summary>
    public (LedMode Ready, LedMode Error) Indicator => !_online
        ? (LedMode.SlowBlink, LedMode.Off)
        : (LedMode.On, _inFlight is not null ? LedMode.On : _error ? LedMode.ErrorFlash : LedMode.Off);

    /// <summary>A category button: the ticket request to send, or null when offline or busy.</summary>
    public TicketRequest? Press(string category)
    {
        ArgumentException.ThrowIfNullOrEmpty(category);
        if (!_online || _inFlight is not null)
        {
            return null;
        }

        _error = false;
        _inFlight = _newRequestId();
        return new TicketRequest { RequestId = _inFlight, Ts = _timeProvider.GetLocalNow(), Category = category };
    }

    /// <summary>The box's answer (or the client's no-reply) to the request in flight.</summary>
    public KioskOutcome OnReply(DeviceReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.RequestId != _inFlight)
        {
            return KioskOutcome.None;
        }

        if (reply.Error is { } error)
        {
            _inFlight = null;
            _error = true;
            return new KioskOutcome { Error = error };
        }

        var ticket = reply.ReadAs<TicketReply>();
        if (ticket is null || string.IsNullOrEmpty(ticket.TicketNo))
        {
            _inFlight = null;
            _error = true;
            return new KioskOutcome { Error = new ErrorBody(ErrorCodes.BadJson, "The box's answer holds no ticket number.") };
        }

        // Still busy until the printer is done: a press now would queue a second ticket behind this one.
        return new KioskOutcome { Ticket = ticket };
    }

    /// <summary>The print job of the ticket in flight ended; <paramref name="printed"/> false flashes the error LED.</summary>
    public void OnPrinted(bool printed)
    {
        _inFlight = null;
        _error = !printed;
    }

    public void OnConnectionChanged(bool online) => _online = online;
}
