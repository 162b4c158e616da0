using Microsoft.Extensions.Logging;

namespace Hall.SiteInspection.Analysis;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "ffprobe on {Path} did not finish within {Timeout}; treated as unreadable")]
    public static partial void ProbeTimedOut(this ILogger logger, string path, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "ffprobe cannot read {Path} (exit code {ExitCode}): {Message}")]
    public static partial void ProbeFailed(this ILogger logger, string path, int exitCode, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ffprobe output for {Path} is not usable: {Message}")]
    public static partial void ProbeUnreadable(this ILogger logger, string path, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysis pass over {Path}: {Samples} samples in {Elapsed}, {Failed} failed checks")]
    public static partial void PassFinished(this ILogger logger, string path, int samples, TimeSpan elapsed, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Decoding stopped early (exit code {ExitCode}) at {Decoded} of {Duration}: {LastError}")]
    public static partial void DecodeIncomplete(this ILogger logger, int? exitCode, TimeSpan decoded, TimeSpan duration, string lastError);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key frame at {At} of {Path}: ffmpeg failed (exit code {ExitCode}): {Message}")]
    public static partial void KeyFrameFailed(this ILogger logger, TimeSpan at, string path, int? exitCode, string message);
}
