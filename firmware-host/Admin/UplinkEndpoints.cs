using Hall.Contract;
using Hall.Sync;
using Microsoft.AspNetCore.Mvc;

namespace Hall.FirmwareHost.Admin;

/// <summary>The console's 上行同步 tab: where the box stands with the county hub (signed-in staff of any role may look).</summary>
internal static class UplinkEndpoints
{
    public static void MapUplink(this RouteGroupBuilder api)
    {
        api.MapGet("/uplink", ([FromServices] UplinkStatus status, [FromServices] HallClock clock) =>
        {
            var s = status.Snapshot;
            var now = clock.Now();
            return AdminResults.Json(new
            {
                state = s.State.ToString().ToLowerInvariant(),
                hub = s.Hub,
                lastSuccessAt = s.LastSuccessAt is { } ok ? clock.Local(ok) : (DateTimeOffset?)null,
                lastSuccessAgoSeconds = s.LastSuccessAt is { } at ? (long?)(now - at).TotalSeconds : null,
                lastError = s.LastErrorCode is null ? null : new { code = s.LastErrorCode, message = s.LastErrorMessage, at = s.LastErrorAt is { } e ? clock.Local(e) : (DateTimeOffset?)null },
                backlogEvents = s.BacklogEvents,
                backlogBytes = s.BacklogBytes,
                ackedSeq = s.AckedSeq,
                batchEvents = s.BatchEvents,
                batchesAcknowledged = s.BatchesAcknowledged,
                batchesFailed = s.BatchesFailed,
                eventsAcknowledged = s.EventsAcknowledged,
                bytesSent = s.BytesSent,
                hubClockOffsetSeconds = s.HubClockOffset?.TotalSeconds,
                now,
            });
        });
    }
}
