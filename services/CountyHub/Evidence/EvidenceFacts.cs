using System.Text.Json;
using Hall.Contract.Evidence;
using Hall.CountyHub.Ingest;
using Hall.CountyHub.Storage;

namespace Hall.CountyHub.Evidence;

/// <summary>
/// The box's answers to the county's 督办 and video requests, as the uplink brings them: each moves its row forward
/// (delivered, gone, answered) and never back, so an event seen twice or late changes nothing.
/// </summary>
public static class EvidenceFacts
{
    public static bool Handles(string type) => type is EvidenceEvents.VideoRequestReceived or EvidenceEvents.VideoGone
        or EvidenceEvents.SupervisionReceived or EvidenceEvents.SupervisionAnswered;

    public static async ValueTask WriteAsync(Statements s, StoredEvent e, JsonElement data, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(e);
        var at = s.Dialect.TimeValue(e.HallTime);
        switch (e.Event.Type)
        {
            case EvidenceEvents.VideoRequestReceived when Str(data, "requestId") is { } id:
                await s.AddAsync("""
                    UPDATE video_requests SET state = CASE WHEN state = 'requested' THEN 'delivered' ELSE state END,
                        delivered_at = COALESCE(delivered_at, @at), updated_at = @at WHERE request_id = @id AND box_id = @box
                    """, false, ct, ("@at", at), ("@id", id), ("@box", e.BoxId));
                break;
            case EvidenceEvents.VideoGone when Str(data, "requestId") is { } id:
                await s.AddAsync("""
                    UPDATE video_requests SET state = 'gone', delivered_at = COALESCE(delivered_at, @at), updated_at = @at
                    WHERE request_id = @id AND box_id = @box AND state <> 'received'
                    """, false, ct, ("@at", at), ("@id", id), ("@box", e.BoxId));
                break;
            case EvidenceEvents.SupervisionReceived when Str(data, "supervisionId") is { } id:
                await s.AddAsync("""
                    UPDATE supervisions SET state = CASE WHEN state = 'sent' THEN 'delivered' ELSE state END,
                        delivered_at = COALESCE(delivered_at, @at) WHERE supervision_id = @id AND box_id = @box
                    """, false, ct, ("@at", at), ("@id", id), ("@box", e.BoxId));
                break;
            case EvidenceEvents.SupervisionAnswered when Str(data, "supervisionId") is { } id:
                await s.AddAsync("""
                    UPDATE supervisions SET state = 'answered', delivered_at = COALESCE(delivered_at, @at), answered_by = @by,
                        answer_text = @text, answered_at = @at WHERE supervision_id = @id AND box_id = @box
                    """, false, ct, ("@at", at), ("@by", Str(data, "answeredBy")), ("@text", Str(data, "text")), ("@id", id), ("@box", e.BoxId));
                break;
        }
    }

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
