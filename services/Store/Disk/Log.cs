using Microsoft.Extensions.Logging;

namespace Hall.Store.Disk;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "The disk is nearly full ({Available} bytes free) at start: deleted the reserve file {Path} ({Bytes} bytes) so the store can open; free space on the box (docs/operations.md#disk)")]
    public static partial void ReserveReleasedAtStart(ILogger logger, string path, long bytes, long available);

    [LoggerMessage(2, LogLevel.Warning, "The disk is nearly full ({Available} bytes free): deleted the reserve file {Path} ({Bytes} bytes) so the store keeps writing; free space on the box (docs/operations.md#disk)")]
    public static partial void ReserveReleased(ILogger logger, string path, long bytes, long available);

    [LoggerMessage(3, LogLevel.Information, "Reserve file {Path} ({Bytes} bytes) written")]
    public static partial void ReserveWritten(ILogger logger, string path, long bytes);

    [LoggerMessage(4, LogLevel.Error, "The store cannot write ({Code}): {Detail}. /healthz reports it; free space on the box (docs/operations.md#disk)")]
    public static partial void StoreCannotWrite(ILogger logger, string code, string detail);

    [LoggerMessage(5, LogLevel.Information, "The store writes again")]
    public static partial void StoreWritesAgain(ILogger logger);

    [LoggerMessage(6, LogLevel.Information, "{Count} disk reservations released: nobody continued them")]
    public static partial void ReservationsExpired(ILogger logger, int count);
}
