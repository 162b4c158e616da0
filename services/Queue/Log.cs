using Microsoft.Extensions.Logging;

namespace Hall.Queue;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Queue loaded for {Day}: {Categories} categories, {Counters} counters, {Tickets} tickets")]
    public static partial void Loaded(ILogger logger, DateOnly day, int categories, int counters, int tickets);

    [LoggerMessage(2, LogLevel.Error, "Queue write failed; reloading the queue from the database")]
    public static partial void WriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Critical, "Queue could not be reloaded after a failed write")]
    public static partial void ReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "Queue supervisor check failed; will try again")]
    public static partial void SuperviseFailed(ILogger logger, Exception exception);

}
