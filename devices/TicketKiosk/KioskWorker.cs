using System.Device.Gpio;
using System.Threading.Channels;
using Hall.Contract;
using Hall.Devices.Client;
using Hall.Devices.Gpio;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Devices.TicketKiosk;

/// <summary>Wires the category buttons and LEDs to <see cref="KioskLogic"/>, the device client and the printer.</summary>
public sealed class KioskWorker(
    HallDeviceClient client,
    ITicketPrinter printer,
    GpioController controller,
    TimeProvider timeProvider,
    IOptions<TicketKioskOptions> options,
    ILogger<KioskWorker> logger) : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly KioskLogic _logic = new(timeProvider);
    private readonly Channel<TicketRequest> _requests =
        Channel.CreateBounded<TicketRequest>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private Led? _readyLed;
    private Led? _errorLed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var buttons = new List<DebouncedButton>();
        try
        {
            _readyLed = new Led(o.ReadyLedPin, timeProvider, o.LedsActiveLow, controller, shouldDispose: false);
            _errorLed = new Led(o.ErrorLedPin, timeProvider, o.LedsActiveLow, controller, shouldDispose: false);
            foreach (var b in o.Buttons)
            {
                var category = b.Category;
                var button = new DebouncedButton(b.Pin, timeProvider, o.DebounceTime, isPullUp: o.ButtonsActiveLow, controller: controller, shouldDispose: false);
                button.Pressed += (_, _) => OnPressed(category);
                buttons.Add(button);
            }

            client.ConnectionChanged += OnConnectionChanged;
            OnConnectionChanged(client, client.IsOnline);
            Log.Ready(logger, string.Join(", ", o.Buttons.Select(b => $"{b.Category}={b.Pin}")));

            await foreach (var request in _requests.Reader.ReadAllAsync(stoppingToken))
            {
                await IssueAsync(request, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            client.ConnectionChanged -= OnConnectionChanged;
            foreach (var button in buttons)
            {
                button.Dispose();
            }

            _readyLed?.Dispose();
            _errorLed?.Dispose();
        }
    }

    private async Task IssueAsync(TicketRequest request, CancellationToken stoppingToken)
    {
        Log.Requesting(logger, request.Category!, request.RequestId!);
        var reply = await client.RequestAsync(Topics.Requests.Ticket, request.RequestId!, HallJson.Serialize(request), stoppingToken);
        KioskOutcome outcome;
        lock (_lock)
        {
            outcome = _logic.OnReply(reply);
            Apply();
        }

        if (outcome.Error is { } error)
        {
            Log.Refused(logger, request.Category!, error.Code, error.Message);
            return;
        }

        if (outcome.Ticket is not { } ticket)
        {
            return;
        }

        var printed = false;
        try
        {
            await printer.PrintAsync(ticket, stoppingToken);
            printed = true;
            Log.Printed(logger, ticket.TicketNo);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.PrintFailed(logger, ex, ticket.TicketNo);
        }
        finally
        {
            lock (_lock)
            {
                _logic.OnPrinted(printed);
                Apply();
            }
        }
    }

    private void OnPressed(string category)
    {
        lock (_lock)
        {
            var request = _logic.Press(category);
            if (request is null)
            {
                Log.Ignored(logger, category);
                return;
            }

            _requests.Writer.TryWrite(request);
            Apply();
        }
    }

    private void OnConnectionChanged(object? sender, bool online)
    {
        lock (_lock)
        {
            _logic.OnConnectionChanged(online);
            Apply();
        }
    }

    private void Apply()
    {
        var (ready, error) = _logic.Indicator;
        _readyLed?.Show(ready);
        _errorLed?.Show(error);
    }
}
