using Hall.Contract;
using Hall.Contract.Events;
using Hall.Store.Writer;
using Microsoft.Extensions.Logging;

namespace Hall.Store.Alerts;

/// <summary>
/// The box's one alert board. Every alert, raised or cleared, is an <see cref="AlertRaised"/> event: raised inside a
/// service's own command (the queue's supervisor, a bad review) or through <see cref="RaiseAsync"/> by those that
/// watch the world outside a command (devices, cameras, inspection checks, the store's budget). Either way it is
/// recorded on the board's table and in the outbox in one transaction; after the commit the board's listener lane
/// publishes it on <c>hall/{h}/alert</c>. The console lists <see cref="Active"/>.
/// </summary>
public sealed partial class AlertBoard : IHallEventHandler
{
    private readonly CommandWriter _writer;
    private readonly IHallPublisher _publisher;
    private readonly HallDatabase _database;
    private readonly ILogger<AlertBoard> _logger;

    public AlertBoard(CommandWriter writer, IHallPublisher publisher, HallDatabase database, ILogger<AlertBoard> logger)
    {
        _writer = writer;
        _publisher = publisher;
        _database = database;
        _logger = logger;
    }

    /// <summary>Every condition that holds now, oldest first.</summary>
    public IReadOnlyList<AlertMessage> Active
    {
        get
        {
            using var connection = _database.Open();
            return AlertStore.Active(connection);
        }
    }

    /// <summary>Raises (or, with <c>Active = false</c>, clears) an alert: on the board and in the outbox, then on MQTT.</summary>
    public async Task RaiseAsync(AlertMessage alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!AlertTypes.All.Contains(alert.Type))
        {
            throw new ArgumentException($"Unknown alert type '{alert.Type}': add it to AlertTypes and docs/contract.md.", nameof(alert));
        }

        await _writer.SubmitAsync(new DelegateCommand("alert", context =>
        {
            context.Raise(new AlertRaised(alert.Ts, alert));
            return null;
        }), cancellationToken);
    }

    public async ValueTask HandleAsync(HallEvent hallEvent, CancellationToken cancellationToken)
    {
        if (hallEvent is not AlertRaised raised)
        {
            return;
        }

        LogAlert(raised.Alert.Type, raised.Alert.Active ? "raised" : "cleared", raised.Alert.Message);
        await _publisher.PublishAsync(Topics.Alert(_publisher.HallId), raised.Alert, retain: false, cancellationToken);
    }

    [LoggerMessage(1, LogLevel.Information, "Alert {Type} {State}: {Message}")]
    private partial void LogAlert(string type, string state, string message);
}
