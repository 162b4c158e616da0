using Microsoft.Extensions.Logging;

namespace Hall.SiteInspection.Upload;

internal static partial class Log
{
    [LoggerMessage(201, LogLevel.Information, "Inspection upload {UploadId} created for application {ApplicationId}: {Size} bytes")]
    public static partial void Created(ILogger logger, string uploadId, string applicationId, long size);

    [LoggerMessage(202, LogLevel.Information, "Inspection upload {UploadId} complete ({Container}, sha256 {Sha256}), job {JobId} queued")]
    public static partial void Completed(ILogger logger, string uploadId, string container, string sha256, long jobId);

    [LoggerMessage(203, LogLevel.Information, "Inspection upload {UploadId} refused: {Code}")]
    public static partial void Refused(ILogger logger, string uploadId, string code);

    [LoggerMessage(204, LogLevel.Information, "Inspection upload {UploadId} {State} after {Received} of {Size} bytes")]
    public static partial void Ended(ILogger logger, string uploadId, string state, long received, long size);

    [LoggerMessage(205, LogLevel.Information, "Inspection upload {UploadId}: running hash rebuilt from {Bytes} stored bytes")]
    public static partial void Rehashed(ILogger logger, string uploadId, long bytes);

    [LoggerMessage(206, LogLevel.Information, "Inspection upload storage: removed leftover file {File}")]
    public static partial void LeftoverRemoved(ILogger logger, string file);

    [LoggerMessage(207, LogLevel.Information, "Inspection uploads after a restart: {Count} finished or cleaned up")]
    public static partial void Recovered(ILogger logger, int count);

    [LoggerMessage(208, LogLevel.Information, "Inspection uploads abandoned and deleted: {Count}")]
    public static partial void Purged(ILogger logger, int count);

    // Debug: a link that keeps asking must not fill the log; /metrics counts the refusals by kind.
    [LoggerMessage(209, LogLevel.Debug, "Inspection upload for application {ApplicationId} ({Bytes} bytes) refused by the disk budget: {Refusal}")]
    public static partial void NoRoom(ILogger logger, string applicationId, long bytes, string refusal);

    [LoggerMessage(210, LogLevel.Warning, "Inspection upload {UploadId}: the store could not record it; nothing was acknowledged")]
    public static partial void StoreFailed(ILogger logger, string uploadId, Exception exception);
}
