using System.Device.Gpio;
using System.Text.Json;
using System.Threading.Channels;
using Hall.Contract;
using Hall.Devices.Client;
using Hall.Devices.Gpio;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Devices.Evaluator;

/// <summary>
/// Wires the five keys and three LEDs to <see cref="EvaluatorLogic"/>, listens on the counter's <c>evaluate</c>
/// topic and sends the rating through the device client.
/// </summary>
public sealed class EvaluatorWorker(
    HallDeviceClient client,
    GpioController controller,
    TimeProvider timeProvider,
    IOptions<EvaluatorOptions> options,
    ILogger<EvaluatorWorker> logger) : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly Channel<RatingRequest> _ratings =
        Channel.CreateBounded<RatingRequest>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private EvaluatorLogic? _logic;
    private string _topic = string.Empty;
    private Led? _readyLed;
    private Led? _thanksLed;
    private Led? _errorLed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        _topic = Topics.CounterEvaluate(client.HallId, o.Counter);
        var buttons = new List<DebouncedButton>();
        using var logic = new EvaluatorLogic(o.Counter, timeProvider, o.ResultTime, o.UnspecifiedReason);
        try
        {
            _readyLed = new Led(o.ReadyLedPin, timeProvider, o.LedsActiveLow, controller, shouldDispose: false);
            _thanksLed = new Led(o.ThanksLedPin, timeProvider, o.LedsActiveLow, controller, shouldDispose: false);
            _errorLed = new Led(o.ErrorLedPin, timeProvider, o.LedsActiveLow, controller, shouldDispose: false);
            lock (_lock)
            {
                _logic = logic;
            }

            logic.Changed += OnChanged;
            foreach (var (level, pin) in o.Keys)
            {
                var key = new DebouncedButton(pin, timeProvider, o.DebounceTime, isPullUp: o.ButtonsActiveLow, controller: controller, shouldDispose: false);
                key.Pressed += (_, _) => OnPressed(level);
                buttons.Add(key);
            }

            client.MessageReceived += OnMessage;
            await client.SubscribeAsync(_topic, stoppingToken);
            Log.Ready(logger, o.Counter, string.Join(", ", o.Keys.Select(k => $"{k.Level}={k.Pin}")), _topic);

            await foreach (var request in _ratings.Reader.ReadAllAsync(stoppingToken))
            {
                Log.Sending(logger, request.Level!.Value, RatingLevels.Name(request.Level.Value), request.TicketNo!, request.RequestId!);
                var reply = await client.RequestAsync(Topics.Requests.Rating, request.RequestId!, HallJson.Serialize(request), stoppingToken);
                if (reply.Error is { } error)
                {
                    Log.Refused(logger, reply.RequestId, error.Code, error.Message);
                }

                lock (_lock)
                {
                    logic.OnReply(reply);
                    Apply();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            client.MessageReceived -= OnMessage;
            logic.Changed -= OnChanged;
            foreach (var key in buttons)
            {
                key.Dispose();
            }

            lock (_lock)
            {
                _logic = null;
                _readyLed?.Dispose();
                _thanksLed?.Dispose();
                _errorLed?.Dispose();
            }
        }
    }

    private void OnMessage(object? sender, DeviceMessage message)
    {
        if (message.Topic != _topic || message.Payload.Length == 0)
        {
            return;
        }

        EvaluateMessage? evaluate;
        try
        {
            evaluate = HallJson.Deserialize<EvaluateMessage>(message.Payload);
        }
        catch (JsonException ex)
        {
            Log.BadMessage(logger, message.Topic, ex.Message);
            return;
        }

        if (evaluate is null)
        {
            return;
        }

        lock (_lock)
        {
            if (_logic is null)
            {
                return;
            }

            var before = _logic.TicketNo;
            _logic.OnEvaluate(evaluate);
            if (_logic.State == EvaluatorState.Asking && _logic.TicketNo != before)
            {
                Log.Asked(logger, evaluate.TicketNo, evaluate.Until);
            }

            Apply();
        }
    }

    private void OnPressed(int level)
    {
        lock (_lock)
        {
            // Decided at press time: only the first press of a lit period becomes a rating.
            var request = _logic?.Press(level);
            if (request is null)
            {
                Log.Ignored(logger, level);
                return;
            }

            _ratings.Writer.TryWrite(request);
            Apply();
        }
    }

    private void OnChanged(object? sender, EventArgs e)
    {
        lock (_lock)
        {
            Apply();
        }
    }

    /// <summary>Shows the logic's current state; called under the lock, so the last state wins.</summary>
    private void Apply()
    {
        if (_logic is null)
        {
            return;
        }

        var indicator = _logic.Indicator;
        _readyLed?.Show(indicator.Ready);
        _thanksLed?.Show(indicator.Thanks);
        _errorLed?.Show(indicator.Error);
    }
}
