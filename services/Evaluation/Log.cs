using Microsoft.Extensions.Logging;

namespace Hall.Evaluation;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Evaluation loaded: {Holidays} holidays and {Workdays} adjusted working days in the calendar, {Items} service items")]
    public static partial void Loaded(ILogger logger, int holidays, int workdays, int items);

    [LoggerMessage(4, LogLevel.Warning, "Evaluation check failed; will try again")]
    public static partial void CheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(5, LogLevel.Information, "Rating {RatingId}: {TicketNo} at counter {Counter} rated {Level} by {Channel}")]
    public static partial void Rated(ILogger logger, string ratingId, string ticketNo, string counter, int level, string channel);

    [LoggerMessage(6, LogLevel.Information, "Not rated: {TicketNo} at counter {Counter}")]
    public static partial void NotRated(ILogger logger, string ticketNo, string counter);

    [LoggerMessage(7, LogLevel.Warning, "Bad-review case {CaseId}: {Step} by {Who}")]
    public static partial void CaseStep(ILogger logger, string caseId, string step, string who);

    [LoggerMessage(8, LogLevel.Warning, "Could not open a rating window for {TicketNo} at counter {Counter}")]
    public static partial void WindowFailed(ILogger logger, string ticketNo, string counter, Exception exception);

}
