using Microsoft.Extensions.Logging;

namespace Hall.Devices.HallSimulator;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Hall simulator: {Kiosks} kiosks, {Callers} callers, {Displays} displays connected to {Host}:{Port} (hall {HallId}, time ×{Scale})")]
    public static partial void Connected(ILogger logger, int kiosks, int callers, int displays, string host, int port, string hallId, double scale);

    [LoggerMessage(2, LogLevel.Warning, "Simulated device {DeviceId} could not connect (attempt {Attempt}): {Reason}")]
    public static partial void ConnectRetry(ILogger logger, string deviceId, int attempt, string reason);

    [LoggerMessage(3, LogLevel.Information, "Hall simulator: session {Session} starts ({Expected:F0} people expected)")]
    public static partial void SessionStarted(ILogger logger, int session, double expected);

    [LoggerMessage(4, LogLevel.Debug, "{DeviceId} {Request} refused: {Code}")]
    public static partial void Refused(ILogger logger, string deviceId, string request, string code);

    [LoggerMessage(5, LogLevel.Warning, "{DeviceId} {Request} failed: {Reason}")]
    public static partial void RequestFailed(ILogger logger, string deviceId, string request, string reason);

    [LoggerMessage(6, LogLevel.Information, "Hall simulator stopped: {People} people, {Issued} tickets, {Called} called, {Finished} finished; estimate MAE {Mae:F1} min over {Compared}")]
    public static partial void Stopped(ILogger logger, int people, int issued, int called, int finished, double mae, int compared);
}
