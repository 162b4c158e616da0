using System.Text.Json;
using Hall.Contract.Downlink;
using Hall.Contract;
using Hall.Contract.Evidence;
using Hall.Store;
using Hall.Store.Writer;
using Microsoft.Extensions.Logging;

namespace Hall.Sync.Evidence;

/// <summary>
/// 调取视频 on the box: a <c>video-request</c> message (<c>{ requestId, inspectionId }</c>) becomes a row the uploader
/// works from and a <c>VideoRequestReceived</c> event upward (the county sees 已送达), in one transaction; the video is
/// held past its retention. A message handed again (a restart, a poll repeated) changes nothing.
/// </summary>
public sealed partial class VideoRequestHandler(CommandWriter writer, IEnumerable<IRequestedVideos> videos, HallClock clock, ILogger<VideoRequestHandler> logger) : IDownlinkHandler
{
    public string Type => DownlinkMessageTypes.VideoRequest;

    public async Task HandleAsync(DownlinkMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var requestId = Str(message.Data, "requestId");
        var inspectionId = Str(message.Data, "inspectionId");
        if (requestId is null || inspectionId is null)
        {
            // A message the box cannot act on is not tried forever: said once in the log, and done.
            LogUnreadable(message.Id);
            return;
        }

        var source = videos.FirstOrDefault();
        var kept = source?.Hold(inspectionId) ?? false;
        var now = clock.Now();
        await writer.SubmitAsync(
            new DelegateCommand("video-request", context =>
            {
                using var insert = context.Connection.CreateCommand();
                insert.Transaction = context.Transaction;
                insert.CommandText = """
                    INSERT INTO evidence_uploads(request_id, inspection_id, message_id, state, created_at, updated_at)
                    VALUES ($id, $insp, $msg, 'pending', $now, $now) ON CONFLICT(request_id) DO NOTHING
                    """;
                insert.Parameters.AddWithValue("$id", requestId);
                insert.Parameters.AddWithValue("$insp", inspectionId);
                insert.Parameters.AddWithValue("$msg", message.Id);
                insert.Parameters.AddWithValue("$now", now.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                if (insert.ExecuteNonQuery() == 1)
                {
                    context.Record(EvidenceEvents.VideoRequestReceived, new { requestId, inspectionId, messageId = message.Id, kept, ts = now }, now);
                }

                return null;
            }),
            cancellationToken).ConfigureAwait(false);
        LogStored(requestId, inspectionId, kept);
    }

    private static string? Str(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 and <= 128 } s ? s : null;

    [LoggerMessage(1, LogLevel.Information, "County asked for the video of inspection {InspectionId} (request {RequestId}); still kept: {Kept}")]
    private partial void LogStored(string requestId, string inspectionId, bool kept);

    [LoggerMessage(2, LogLevel.Warning, "Video request message {MessageId} names no request or inspection; ignored")]
    private partial void LogUnreadable(string messageId);
}
