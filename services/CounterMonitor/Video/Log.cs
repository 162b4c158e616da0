using Microsoft.Extensions.Logging;

namespace Hall.CounterMonitor.Video;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Camera {CameraId}: ffmpeg run {Generation} started as process {ProcessId}: {Arguments}")]
    public static partial void Started(this ILogger logger, string cameraId, int generation, int processId, string arguments);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {CameraId} online (ffmpeg run {Generation})")]
    public static partial void Online(this ILogger logger, string cameraId, int generation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {CameraId} offline: {Reason}")]
    public static partial void Offline(this ILogger logger, string cameraId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Camera {CameraId}: ffmpeg run {Generation} ended ({Reason}); restarting in {Delay}")]
    public static partial void Restarting(this ILogger logger, string cameraId, int generation, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {CameraId}: end of file after {Frames} frames")]
    public static partial void EndOfInput(this ILogger logger, string cameraId, long frames);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {CameraId}: ffmpeg process {ProcessId} did not exit after being killed")]
    public static partial void KillTimedOut(this ILogger logger, string cameraId, int processId);
}
