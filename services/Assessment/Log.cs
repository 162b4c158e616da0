using Microsoft.Extensions.Logging;

namespace Hall.Assessment;

internal static partial class Log
{
    [LoggerMessage(2, LogLevel.Warning, "Assessment could not record {Event} for {TicketNo}: the store refused it")]
    public static partial void RecordFailed(ILogger logger, string @event, string ticketNo, Exception exception);

    [LoggerMessage(3, LogLevel.Information, "Assessment of {Day} sent to the outbox (revision {Revision}, {Rows} rows)")]
    public static partial void DayClosed(ILogger logger, string day, int revision, int rows);

    [LoggerMessage(4, LogLevel.Warning, "Assessment check failed; will try again")]
    public static partial void CheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(5, LogLevel.Debug, "Assessment: {Event} for {TicketNo} at counter {Counter} matched no service; ignored")]
    public static partial void Unmatched(ILogger logger, string @event, string ticketNo, string counter);

    [LoggerMessage(6, LogLevel.Warning, "Assessment: absence at counter {Counter} from {Start} to {End} has no counter or ends before it starts; ignored")]
    public static partial void BadAbsence(ILogger logger, string counter, DateTimeOffset start, DateTimeOffset end);
}
