using Microsoft.Extensions.Logging;

namespace Hall.Display;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Error, "Call announcements have no sound: {Failure} Calls are still shown on the displays.")]
    public static partial void SpeechFailed(this ILogger logger, string failure);

    [LoggerMessage(2, LogLevel.Warning, "Announcement not rendered: {Failure}")]
    public static partial void SpeechStillFailing(this ILogger logger, string failure);

    [LoggerMessage(30, LogLevel.Warning, "Announcement not rendered this time: {Failure} The machine may be busy; the next call tries again.")]
    public static partial void SpeechOverran(this ILogger logger, string failure);

    [LoggerMessage(3, LogLevel.Information, "Speech synthesis works again; calls are announced with sound.")]
    public static partial void SpeechRecovered(this ILogger logger);

    [LoggerMessage(4, LogLevel.Error, "Could not store call {TicketNo} for the board's restart; the call is still shown.")]
    public static partial void CallNotStored(this ILogger logger, string ticketNo, Exception exception);


    [LoggerMessage(6, LogLevel.Information, "Hall board restored with {Calls} recent calls.")]
    public static partial void BoardRestored(this ILogger logger, int calls);

    [LoggerMessage(7, LogLevel.Warning, "Announcement queue full; dropped the oldest pending clip (it is rendered when a page asks for it).")]
    public static partial void SpeechQueueFull(this ILogger logger);

    [LoggerMessage(8, LogLevel.Debug, "Live page connected ({Subscribers} connected).")]
    public static partial void LiveConnected(this ILogger logger, int subscribers);

    [LoggerMessage(9, LogLevel.Warning, "Announcement {Key} could not be served: {Error}")]
    public static partial void AudioNotServed(this ILogger logger, string key, string? error);
}
