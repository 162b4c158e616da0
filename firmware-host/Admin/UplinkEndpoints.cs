using Hall.Contract;
using Hall.Sync;
using Hall.Sync.Downlink;
using Microsoft.AspNetCore.Mvc;

namespace Hall.FirmwareHost.Admin;

/// <summary>The console's 上行同步 tab: where the box stands with the county hub (signed-in staff of any role may look).</summary>
internal static class UplinkEndpoints
{
    public static void MapUplink(this RouteGroupBuilder api)
    {
        api.MapGet("/uplink", ([FromServices] UplinkStatus status, [FromServices] DownlinkStatus downlink, [FromServices] HallClock clock) =>
        {
            var s = status.Snapshot;
            var d = downlink.Snapshot;
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
                downlink = new
                {
                    state = d.State.ToString().ToLowerInvariant(),
                    runningVersion = d.RunningVersion,
                    appliedAt = d.AppliedAt is { } applied ? clock.Local(applied) : (DateTimeOffset?)null,
                    note = d.Note,
                    refused = d.RefusedVersion is { } refusedVersion && refusedVersion > d.RunningVersion
                        ? new { version = refusedVersion, code = d.RefusedCode, message = d.RefusedMessage, at = d.RefusedAt is { } r ? clock.Local(r) : (DateTimeOffset?)null }
                        : null,
                    lastPollAt = d.LastPollAt is { } poll ? clock.Local(poll) : (DateTimeOffset?)null,
                    error = d.LastErrorMessage,
                    pendingMessages = d.PendingMessages,
                },
                now,
            });
        });
    }
}
