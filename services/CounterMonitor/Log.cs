using Microsoft.Extensions.Logging;

namespace Hall.CounterMonitor;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Error, "Counter monitoring cannot run: {Message}")]
    public static partial void MonitorFault(ILogger logger, string message);

    [LoggerMessage(3, LogLevel.Information, "Camera {CameraId} started ({Role}, {Source}, {Rate}/s)")]
    public static partial void CameraStarted(ILogger logger, string cameraId, string role, string source, double rate);

    [LoggerMessage(4, LogLevel.Information, "Camera {CameraId} stopped")]
    public static partial void CameraStopped(ILogger logger, string cameraId);

    [LoggerMessage(5, LogLevel.Warning, "Camera {CameraId} is offline: {Reason}")]
    public static partial void CameraOffline(ILogger logger, string cameraId, string reason);

    [LoggerMessage(6, LogLevel.Information, "Camera {CameraId} is delivering frames again")]
    public static partial void CameraOnline(ILogger logger, string cameraId);

    [LoggerMessage(7, LogLevel.Warning, "A snapshot for alert {Type} could not be written")]
    public static partial void SnapshotFailed(ILogger logger, string type, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "Camera settings rejected on reload, the previous cameras stay: {Errors}")]
    public static partial void SettingsRejected(ILogger logger, string errors);
}
