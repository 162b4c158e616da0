using Microsoft.Extensions.Logging;

namespace Hall.SiteInspection.Jobs;

internal static partial class Log
{
    [LoggerMessage(301, LogLevel.Information, "Inspection jobs cut by a restart: {Requeued} queued again, {Failed} failed after too many cuts")]
    public static partial void Interrupted(ILogger logger, int requeued, int failed);

    [LoggerMessage(302, LogLevel.Information, "Inspection job {JobId} (application {ApplicationId}) started, attempt {Attempt}")]
    public static partial void JobStarted(ILogger logger, long jobId, string applicationId, int attempt);

    [LoggerMessage(303, LogLevel.Information, "Inspection job {JobId} done")]
    public static partial void JobDone(ILogger logger, long jobId);

    [LoggerMessage(304, LogLevel.Warning, "Inspection job {JobId} attempt {Attempt} failed (retry: {Retry}): {Error}")]
    public static partial void JobFailed(ILogger logger, long jobId, int attempt, bool retry, string error, Exception? exception);

    [LoggerMessage(305, LogLevel.Information, "Inspection job {JobId} given back to the queue: the box is stopping")]
    public static partial void JobReleased(ILogger logger, long jobId);
}
