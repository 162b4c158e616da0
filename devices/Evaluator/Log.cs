using Microsoft.Extensions.Logging;

namespace Hall.Devices.Evaluator;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Evaluator for counter {Counter} ready: keys on pins {Pins}, listening on {Topic}")]
    public static partial void Ready(ILogger logger, string counter, string pins, string topic);

    [LoggerMessage(2, LogLevel.Information, "Asked to rate ticket {TicketNo} until {Until}")]
    public static partial void Asked(ILogger logger, string ticketNo, DateTimeOffset until);

    [LoggerMessage(3, LogLevel.Information, "Key {Level} ({Name}): sending the rating of {TicketNo} ({RequestId})")]
    public static partial void Sending(ILogger logger, int level, string name, string ticketNo, string requestId);

    [LoggerMessage(4, LogLevel.Debug, "Key {Level} ignored: nothing to rate, or this service was rated already")]
    public static partial void Ignored(ILogger logger, int level);

    [LoggerMessage(5, LogLevel.Warning, "The box refused rating {RequestId}: {Code} {Message}")]
    public static partial void Refused(ILogger logger, string requestId, string code, string message);

    [LoggerMessage(6, LogLevel.Warning, "Ignored a message on {Topic} that is not an evaluate message ({Reason})")]
    public static partial void BadMessage(ILogger logger, string topic, string reason);
}
