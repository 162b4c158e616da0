using Microsoft.Extensions.Logging;

namespace Hall.Devices.TicketKiosk;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Button {Category}: asking for a ticket ({RequestId})")]
    public static partial void Requesting(ILogger logger, string category, string requestId);

    [LoggerMessage(2, LogLevel.Debug, "Button {Category} ignored: offline or a ticket is still being issued")]
    public static partial void Ignored(ILogger logger, string category);

    [LoggerMessage(3, LogLevel.Warning, "No ticket for {Category}: {Code} {Message}")]
    public static partial void Refused(ILogger logger, string category, string code, string message);

    [LoggerMessage(4, LogLevel.Information, "Printed ticket {TicketNo}")]
    public static partial void Printed(ILogger logger, string ticketNo);

    [LoggerMessage(5, LogLevel.Error, "Ticket {TicketNo} was issued but could not be printed; the person can ask staff for a reprint")]
    public static partial void PrintFailed(ILogger logger, Exception exception, string ticketNo);

    [LoggerMessage(6, LogLevel.Information, "Kiosk ready: categories on pins {Buttons}")]
    public static partial void Ready(ILogger logger, string buttons);
}
