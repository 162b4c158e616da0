using System.Device.Gpio;
using System.Threading.Channels;
using Hall.Contract;
using Hall.Devices.Client;
using Hall.Devices.Gpio;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Devices.CallerKeypad;

/// <summary>Wires the keys and LEDs to <see cref="KeypadLogic"/> and sends its commands through the device client.</summary>
public sealed class KeypadWorker(
    HallDeviceClient client,
    GpioController controller,
    TimeProvider timeProvider,
    IOptions<CallerKeypadOptions> options,
    ILogger<KeypadWorker> logger) : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly KeypadLogic _logic = new(timeProvider);
    private readonly Channel<(KeypadButton Button, CounterRequest Request)> _commands =
        Channel.CreateBounded<(KeypadButton, CounterRequest)>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private Led? _readyLed;
    private Led? _statusLed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        (KeypadButton Button, int Pin)[] keys =
        [
            (KeypadButton.Next, o.NextPin),
            (KeypadButton.Recall, o.RecallPin),
            (KeypadButton.Skip, o.SkipPin),
            (KeypadButton.PauseResume, o.PauseResumePin),
            (KeypadButton.Finish, o.FinishPin),
        ];

        var buttons = new List<DebouncedButton>();
        try
        {
            _readyLed = new Led(o.ReadyLedPin, timeProvider, o.LedsActiveLow, controller, shouldDispose: false);
            _statusLed = new Led(o.StatusLedPin, timeProvider, o.LedsActiveLow, controller, shouldDispose: false);
            foreach (var (button, pin) in keys)
            {
                var key = new DebouncedButton(pin, timeProvider, o.DebounceTime, isPullUp: o.ButtonsActiveLow, controller: controller, shouldDispose: false);
                key.Pressed += (_, _) => OnPressed(button);
                buttons.Add(key);
            }

            client.ConnectionChanged += OnConnectionChanged;
            lock (_lock)
            {
                Apply(_logic.OnConnectionChanged(client.IsOnline));
            }

            Log.Ready(logger, string.Join(", ", keys.Select(k => $"{k.Button}={k.Pin}")));

            await foreach (var (button, request) in _commands.Reader.ReadAllAsync(stoppingToken))
            {
                Log.Sending(logger, button, request.Cmd!, request.RequestId!);
                var reply = await client.RequestAsync(Topics.Requests.Counter, request.RequestId!, HallJson.Serialize(request), stoppingToken);
                if (reply.Error is { } error)
                {
                    Log.Refused(logger, reply.RequestId, error.Code, error.Message);
                }

                lock (_lock)
                {
                    Apply(_logic.OnReply(reply));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            client.ConnectionChanged -= OnConnectionChanged;
            foreach (var key in buttons)
            {
                key.Dispose();
            }

            _readyLed?.Dispose();
            _statusLed?.Dispose();
        }
    }

    private void OnPressed(KeypadButton button)
    {
        lock (_lock)
        {
            // Decided at press time: a press while a command is in flight is dropped, not queued.
            var request = _logic.Press(button);
            if (request is null)
            {
                Log.Ignored(logger, button);
                return;
            }

            _commands.Writer.TryWrite((button, request));
            Apply(_logic.Indicator);
        }
    }

    private void OnConnectionChanged(object? sender, bool online)
    {
        lock (_lock)
        {
            Apply(_logic.OnConnectionChanged(online));
        }
    }

    private void Apply(KeypadIndicator indicator)
    {
        _readyLed?.Show(indicator.Ready);
        _statusLed?.Show(indicator.Status);
    }
}
