using Microsoft.Extensions.Logging;

namespace Hall.CountyHub.Evidence;

internal static partial class EvidenceLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload request of box {BoxId} not stored (disk or database); nothing acknowledged")]
    public static partial void NotStored(ILogger logger, string boxId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Box {BoxId}: video of request {RequestId} received whole ({Size} bytes)")]
    public static partial void Received(ILogger logger, string boxId, string requestId, long size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Box {BoxId}: video of request {RequestId} did not match its SHA-256; discarded, the box sends it again")]
    public static partial void Discarded(ILogger logger, string boxId, string requestId);
}
