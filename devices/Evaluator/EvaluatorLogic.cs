using Hall.Contract;
using Hall.Devices.Client;

namespace Hall.Devices.Evaluator;

/// <summary>
/// The evaluator without its wires. An <see cref="EvaluateMessage"/> for this counter lights it; one key press
/// becomes one <c>req/rating</c>; the box's answer shows thanks or an error for a moment; then it goes dark.
/// It also goes dark when the rating window closes (<see cref="EvaluateMessage.Until"/> passes, or the box
/// sends <c>active: false</c>) without a press.
/// </summary>
/// <remarks>
/// Exactly one rating per lit period: after the first press every press is ignored, and a repeat of the same
/// evaluate message (a retained message delivered again after a reconnect) does not light it again.
/// Time comes from the <see cref="TimeProvider"/>; <see cref="Changed"/> is raised when time alone changed the
/// state (on the timer's thread). Thread-safe: a lock guards the state.
/// </remarks>
public sealed class EvaluatorLogic : IDisposable
{
    /// <summary>How long thanks (green) or an error (red) stays shown after the answer.</summary>
    public static readonly TimeSpan DefaultResultTime = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The reason sent with a level 1–2 rating: the device has no reason keys. Halls wanting the detailed
    /// reasons use the tablet page or the QR page instead.
    /// </summary>
    public const string DefaultUnspecifiedReason = "未说明";

    private readonly Lock _lock = new();
    private readonly string _counter;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _resultTime;
    private readonly string _unspecifiedReason;
    private readonly Func<string> _newRequestId;
    private readonly ITimer _timer;
    private EvaluatorState _state;
    private string? _ticketNo;
    private DateTimeOffset _until;
    private DateTimeOffset _resultUntil;
    private string? _inFlight;
    private string? _ratedTicketNo;
    private bool _disposed;

    /// <param name="counter">This evaluator's counter (from its enrollment); messages for other counters are ignored.</param>
    /// <param name="timeProvider">Stamps each rating's <c>ts</c> and times the window and the result display.</param>
    /// <param name="resultTime">How long thanks or an error is shown; <see cref="DefaultResultTime"/> when null.</param>
    /// <param name="unspecifiedReason">Sent as the one reason of a level 1–2 rating.</param>
    /// <param name="newRequestId">Makes request ids; a time-ordered GUID when null.</param>
    public EvaluatorLogic(
        string counter,
        TimeProvider timeProvider,
        TimeSpan? resultTime = null,
        string unspecifiedReason = DefaultUnspecifiedReason,
        Func<string>? newRequestId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(counter);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrWhiteSpace(unspecifiedReason);
        _counter = counter;
        _timeProvider = timeProvider;
        _resultTime = resultTime ?? DefaultResultTime;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_resultTime, TimeSpan.Zero, nameof(resultTime));
        _unspecifiedReason = unspecifiedReason;
        _newRequestId = newRequestId ?? (() => Guid.CreateVersion7(_timeProvider.GetUtcNow()).ToString("N"));
        _timer = timeProvider.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Raised when the state changed by time alone: the window closed, or the result display ended.</summary>
    public event EventHandler? Changed;

    public string Counter => _counter;

    public EvaluatorState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>The ticket being rated in this lit period; null when dark.</summary>
    public string? TicketNo
    {
        get
        {
            lock (_lock)
            {
                return _state == EvaluatorState.Dark ? null : _ticketNo;
            }
        }
    }

    public EvaluatorIndicator Indicator => EvaluatorIndicator.For(State);

    /// <summary>The box's message on <c>counter/{c}/evaluate</c>.</summary>
    public EvaluatorIndicator OnEvaluate(EvaluateMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            if (message.Counter != _counter)
            {
                return EvaluatorIndicator.For(_state);
            }

            if (!message.Active)
            {
                // Only an unanswered ask goes dark: after a press the box closes the window itself, often
                // before its answer reaches us, and the answer must still show.
                if (_state == EvaluatorState.Asking && message.TicketNo == _ticketNo)
                {
                    GoDark();
                }

                return EvaluatorIndicator.For(_state);
            }

            var now = _timeProvider.GetUtcNow();
            if (message.Until <= now || message.TicketNo == _ratedTicketNo)
            {
                // Stale (the window already closed), or this ticket was rated here already.
                return EvaluatorIndicator.For(_state);
            }

            if (_state == EvaluatorState.Asking && message.TicketNo == _ticketNo)
            {
                _until = message.Until;
                Schedule(_until);
                return EvaluatorIndicator.For(_state);
            }

            // A new service to rate, even while the last result still shows.
            _state = EvaluatorState.Asking;
            _ticketNo = message.TicketNo;
            _until = message.Until;
            _inFlight = null;
            Schedule(_until);
            return EvaluatorIndicator.For(_state);
        }
    }

    /// <summary>A key: the rating to send, or null when nothing is asked or this period's rating was sent already.</summary>
    /// <param name="level">1 to 5; see <see cref="RatingLevels"/>.</param>
    public RatingRequest? Press(int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, RatingLevels.Lowest);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, RatingLevels.Highest);
        lock (_lock)
        {
            if (_state != EvaluatorState.Asking || _timeProvider.GetUtcNow() >= _until)
            {
                return null;
            }

            _state = EvaluatorState.Sending;
            _inFlight = _newRequestId();
            _ratedTicketNo = _ticketNo;
            return new RatingRequest
            {
                RequestId = _inFlight,
                Ts = _timeProvider.GetLocalNow(),
                TicketNo = _ticketNo,
                Level = level,
                Reasons = level <= RatingLevels.NeedsReason ? [_unspecifiedReason] : null,
            };
        }
    }

    /// <summary>The box's answer (or the client's no-reply) to the rating in flight.</summary>
    public EvaluatorIndicator OnReply(DeviceReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        lock (_lock)
        {
            if (_state != EvaluatorState.Sending || reply.RequestId != _inFlight)
            {
                return EvaluatorIndicator.For(_state);
            }

            _inFlight = null;
            _state = reply.IsError ? EvaluatorState.Failed : EvaluatorState.Thanked;
            _resultUntil = _timeProvider.GetUtcNow() + _resultTime;
            Schedule(_resultUntil);
            return EvaluatorIndicator.For(_state);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    private void OnTimer()
    {
        bool changed;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            var now = _timeProvider.GetUtcNow();
            var due = _state switch
            {
                EvaluatorState.Asking => _until,
                EvaluatorState.Thanked or EvaluatorState.Failed => _resultUntil,
                _ => DateTimeOffset.MaxValue,
            };
            changed = due <= now;
            if (changed)
            {
                GoDark();
            }
            else if (due != DateTimeOffset.MaxValue)
            {
                Schedule(due);
            }
        }

        if (changed)
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }

    private void GoDark()
    {
        _state = EvaluatorState.Dark;
        _inFlight = null;
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void Schedule(DateTimeOffset at)
    {
        var wait = at - _timeProvider.GetUtcNow();
        _timer.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
    }
}
