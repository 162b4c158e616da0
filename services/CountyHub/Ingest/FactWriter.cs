using System.Text;
using System.Text.Json;
using Hall.Contract.Downlink;
using Hall.Contract.Identity;
using Hall.CountyHub.Storage;

namespace Hall.CountyHub.Ingest;

/// <summary>
/// Derives the fact tables from each stored event, in the batch's transaction. Every statement is an idempotent upsert:
/// per-occurrence rows (calls, services, absences, alerts, packs) are keyed by the event's (box, epoch, seq); state rows
/// (tickets, ratings, cases, verdicts) by their natural key, cases and verdicts keeping the latest by hybrid time. Times in
/// payloads get the same skew correction as the event. Other types stay in <c>events</c> only.
/// </summary>
public sealed class FactWriter
{
    public async ValueTask WriteAsync(Statements s, StoredEvent e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(e);
        var data = e.Event.Data;
        if (data.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        switch (e.Event.Type)
        {
            case "TicketIssued":
                await Ticket(s, e, data, """
                    INSERT INTO tickets(box_id, hall_day, ticket_no, category, priority, issued_at, village_id) VALUES (@box, @day, @no, @cat, @pri, @at, @village)
                    ON CONFLICT(box_id, hall_day, ticket_no) DO UPDATE SET category = excluded.category, priority = excluded.priority, issued_at = excluded.issued_at,
                        village_id = COALESCE(excluded.village_id, tickets.village_id)
                    """, ct, ("@cat", Str(data, "category")), ("@pri", Str(data, "priority")), ("@at", Time(s, e, data, "issuedAt")), ("@village", Str(data, "village")));
                break;
            case "TicketCalled":
                await Ticket(s, e, data, """
                    INSERT INTO tickets(box_id, hall_day, ticket_no, category, called_at, counter, staff_id, village_id) VALUES (@box, @day, @no, @cat, @at, @counter, @staff, @village)
                    ON CONFLICT(box_id, hall_day, ticket_no) DO UPDATE SET called_at = COALESCE(tickets.called_at, excluded.called_at),
                        counter = excluded.counter, staff_id = COALESCE(excluded.staff_id, tickets.staff_id), category = COALESCE(tickets.category, excluded.category),
                        village_id = COALESCE(tickets.village_id, excluded.village_id)
                    """, ct, ("@cat", Str(data, "category")), ("@at", Time(s, e, data, "ts")), ("@counter", Str(data, "counter")), ("@staff", Str(data, "staffId")), ("@village", Str(data, "village")));
                await s.AddAsync("""
                    INSERT INTO calls(box_id, epoch, seq, hall_day, ticket_no, category, counter, counter_name, staff_id, recall, called_at, village_id)
                    VALUES (@box, @epoch, @seq, @day, @no, @cat, @counter, @cname, @staff, @recall, @at, @village) ON CONFLICT(box_id, epoch, seq) DO NOTHING
                    """, false, ct, ("@box", e.BoxId), ("@epoch", e.Epoch), ("@seq", e.Event.Seq), ("@day", e.HallDay), ("@no", Str(data, "ticketNo") ?? string.Empty), ("@cat", Str(data, "category")),
                    ("@counter", Str(data, "counter")), ("@cname", Str(data, "counterName")), ("@staff", Str(data, "staffId")),
                    ("@recall", Bool(data, "recall") ?? false), ("@at", Time(s, e, data, "ts")), ("@village", Str(data, "village")));
                break;
            case "TicketFinished":
                await Finished(s, e, data, ct);
                break;
            case "TicketSkipped":
                await Ticket(s, e, data, """
                    INSERT INTO tickets(box_id, hall_day, ticket_no, category, counter, outcome) VALUES (@box, @day, @no, @cat, @counter, 'skipped')
                    ON CONFLICT(box_id, hall_day, ticket_no) DO UPDATE SET outcome = 'skipped', counter = excluded.counter
                    """, ct, ("@cat", Str(data, "category")), ("@counter", Str(data, "counter")));
                break;
            case "TicketTransferred":
                await Ticket(s, e, data, """
                    INSERT INTO tickets(box_id, hall_day, ticket_no, transferred_to) VALUES (@box, @day, @no, @to)
                    ON CONFLICT(box_id, hall_day, ticket_no) DO UPDATE SET transferred_to = excluded.transferred_to
                    """, ct, ("@to", Str(data, "toCounter") ?? Str(data, "toCategory")));
                break;
            case "RatingAccepted":
                await Rating(s, e, data, Str(data, "ratingId") ?? $"{e.Epoch}:{e.Event.Seq}", "rated", ct);
                break;
            case "RatingTimedOut":
                // A window closed without a rating: kept as "not rated" (level NULL), never counted as good.
                await Rating(s, e, data, "not-rated:" + (Str(data, "serviceId") ?? $"{e.Epoch}:{e.Event.Seq}"), "not-rated", ct);
                break;
            case "BadReviewCase":
                await Case(s, e, data.TryGetProperty("case", out var c) && c.ValueKind == JsonValueKind.Object ? c : data,
                    data.TryGetProperty("step", out var step) && step.ValueKind == JsonValueKind.Object ? Str(step, "action") : null, ct);
                break;
            case "BadReviewCaseChanged":
                await Case(s, e, data, null, ct);
                break;
            case "AbsenceRecorded":
                await Absence(s, e, data, ct);
                break;
            case "AlertRaised":
                await Alert(s, e, data.TryGetProperty("alert", out var alert) && alert.ValueKind == JsonValueKind.Object ? alert : data, ct);
                break;
            case "InspectionVerdict":
                await Verdict(s, e, data, ct);
                break;
            case var type when Evidence.EvidenceFacts.Handles(type):
                await Evidence.EvidenceFacts.WriteAsync(s, e, data, ct);
                break;
            case ConfigEvents.Applied:
                // The version the box runs now and since when; a refusal of an older version no longer matters.
                await s.AddAsync("""
                    INSERT INTO box_config(box_id, running_version, applied_at, applied_hlc) VALUES (@box, @v, @at, @hlc)
                    ON CONFLICT(box_id) DO UPDATE SET running_version = excluded.running_version, applied_at = excluded.applied_at, applied_hlc = excluded.applied_hlc
                    WHERE box_config.applied_hlc < excluded.applied_hlc
                    """, false, ct, ("@box", e.BoxId), ("@v", Long(data, "version")), ("@at", Time(s, e, data, "appliedAt")), ("@hlc", e.Event.Hlc));
                break;
            case ConfigEvents.Refused:
                await s.AddAsync("""
                    INSERT INTO box_config(box_id, refused_version, refused_code, refused_message, refused_at, refused_hlc) VALUES (@box, @v, @code, @msg, @at, @hlc)
                    ON CONFLICT(box_id) DO UPDATE SET refused_version = excluded.refused_version, refused_code = excluded.refused_code,
                        refused_message = excluded.refused_message, refused_at = excluded.refused_at, refused_hlc = excluded.refused_hlc
                    WHERE box_config.refused_hlc < excluded.refused_hlc
                    """, false, ct, ("@box", e.BoxId), ("@v", Long(data, "version")), ("@code", Str(data, "code")), ("@msg", Str(data, "message")),
                    ("@at", Time(s, e, data, "refusedAt")), ("@hlc", e.Event.Hlc));
                break;
            default:
                break;
        }
    }

    private static ValueTask Ticket(Statements s, StoredEvent e, JsonElement data, string sql, CancellationToken ct, params (string, object?)[] more) =>
        s.AddAsync(sql, false, ct, [("@box", e.BoxId), ("@day", e.HallDay), ("@no", Str(data, "ticketNo") ?? string.Empty), .. more]);

    private static async ValueTask Finished(Statements s, StoredEvent e, JsonElement data, CancellationToken ct)
    {
        var finished = Corrected(e, data, "ts") ?? e.HallTime;
        var called = Corrected(e, data, "calledAt");
        var d = s.Dialect;
        await Ticket(s, e, data, """
            INSERT INTO tickets(box_id, hall_day, ticket_no, category, called_at, counter, staff_id, finished_at, outcome, village_id) VALUES (@box, @day, @no, @cat, @called, @counter, @staff, @at, 'finished', @village)
            ON CONFLICT(box_id, hall_day, ticket_no) DO UPDATE SET finished_at = excluded.finished_at, outcome = 'finished', counter = excluded.counter,
                staff_id = COALESCE(excluded.staff_id, tickets.staff_id), called_at = COALESCE(tickets.called_at, excluded.called_at),
                village_id = COALESCE(tickets.village_id, excluded.village_id)
            """, ct, ("@cat", Str(data, "category")), ("@called", d.TimeValue(called)), ("@counter", Str(data, "counter")), ("@staff", Str(data, "staffId")), ("@at", d.TimeValue(finished)),
            ("@village", Str(data, "village")));

        // The wait is known when the hub has the ticket's issue (same day, same box): computed in SQL, no round trip.
        await s.AddAsync($"""
            INSERT INTO services(box_id, epoch, seq, hall_day, ticket_no, category, counter, staff_id, staff_name, service_item, case_number, called_at, finished_at, service_seconds, village_id, waited_seconds)
            VALUES (@box, @epoch, @seq, @day, @no, @cat, @counter, @staff, @sname, @item, @case, @called, @at, @svc, @village,
                (SELECT {d.SecondsBetween("t.called_at", "t.issued_at")} FROM tickets t WHERE t.box_id = @box AND t.hall_day = @day AND t.ticket_no = @no AND t.issued_at IS NOT NULL))
            ON CONFLICT(box_id, epoch, seq) DO NOTHING
            """, false, ct, ("@box", e.BoxId), ("@epoch", e.Epoch), ("@seq", e.Event.Seq), ("@day", e.HallDay), ("@no", Str(data, "ticketNo") ?? string.Empty), ("@cat", Str(data, "category")),
            ("@counter", Str(data, "counter")), ("@staff", Str(data, "staffId")), ("@sname", Str(data, "staffName")), ("@item", Str(data, "serviceItem")),
            ("@case", Str(data, "caseNumber")), ("@called", d.TimeValue(called)), ("@at", d.TimeValue(finished)),
            ("@svc", called is { } c ? (finished - c).TotalSeconds : null), ("@village", Str(data, "village")));
    }

    private static ValueTask Rating(Statements s, StoredEvent e, JsonElement data, string ratingId, string result, CancellationToken ct) =>
        s.AddAsync("""
            INSERT INTO ratings(box_id, rating_id, hall_day, result, ticket_no, counter, staff_id, staff_name, service_item, level, channel, case_id, re_rating_of, reasons, at, village_id)
            VALUES (@box, @id, @day, @result, @no, @counter, @staff, @sname, @item, @level, @channel, @case, @rerating, @reasons, @at, @village)
            ON CONFLICT(box_id, rating_id) DO NOTHING
            """, false, ct, ("@box", e.BoxId), ("@id", ratingId), ("@day", e.HallDay), ("@result", result), ("@no", Str(data, "ticketNo")),
            ("@counter", Str(data, "counter")), ("@staff", Str(data, "staffId")), ("@sname", Str(data, "staffName")), ("@item", Str(data, "serviceItem")),
            ("@level", Int(data, "level")), ("@channel", Str(data, "channel")), ("@case", Str(data, "caseId")), ("@rerating", Str(data, "reRatingOf")),
            ("@reasons", Raw(data, "reasons")), ("@at", s.Dialect.TimeValue(e.HallTime)), ("@village", Str(data, "village")));

    private static async ValueTask Case(Statements s, StoredEvent e, JsonElement c, string? action, CancellationToken ct)
    {
        if (Str(c, "caseId") is not { } caseId)
        {
            return;
        }

        var d = s.Dialect;
        await s.AddAsync("""
            INSERT INTO bad_review_cases(box_id, case_id, rating_id, ticket_no, counter, staff_id, level, state, overdue, opened_at, callback_due, rectify_due, last_action, updated_at, updated_hlc, data)
            VALUES (@box, @case, @rating, @no, @counter, @staff, @level, @state, @overdue, @opened, @cbdue, @rdue, @action, @at, @hlc, @data)
            ON CONFLICT(box_id, case_id) DO UPDATE SET rating_id = COALESCE(excluded.rating_id, bad_review_cases.rating_id),
                ticket_no = COALESCE(excluded.ticket_no, bad_review_cases.ticket_no), counter = COALESCE(excluded.counter, bad_review_cases.counter),
                staff_id = COALESCE(excluded.staff_id, bad_review_cases.staff_id), level = COALESCE(excluded.level, bad_review_cases.level),
                state = excluded.state, overdue = COALESCE(excluded.overdue, bad_review_cases.overdue),
                opened_at = COALESCE(excluded.opened_at, bad_review_cases.opened_at), callback_due = COALESCE(excluded.callback_due, bad_review_cases.callback_due),
                rectify_due = COALESCE(excluded.rectify_due, bad_review_cases.rectify_due), last_action = COALESCE(excluded.last_action, bad_review_cases.last_action),
                updated_at = excluded.updated_at, updated_hlc = excluded.updated_hlc, data = COALESCE(excluded.data, bad_review_cases.data)
            WHERE bad_review_cases.updated_hlc <= excluded.updated_hlc
            """, false, ct, ("@box", e.BoxId), ("@case", caseId), ("@rating", Str(c, "ratingId")), ("@no", Str(c, "ticketNo")), ("@counter", Str(c, "counter")),
            ("@staff", Str(c, "staffId")), ("@level", Int(c, "level")), ("@state", Str(c, "state") ?? "open"), ("@overdue", Bool(c, "overdue")),
            ("@opened", Time(s, e, c, "openedAt")), ("@cbdue", Time(s, e, c, "callbackDue")), ("@rdue", Time(s, e, c, "rectifyDue")), ("@action", action),
            ("@at", d.TimeValue(e.HallTime)), ("@hlc", e.Event.Hlc), ("@data", action is null ? null : c.GetRawText()));
    }

    private static ValueTask Absence(Statements s, StoredEvent e, JsonElement data, CancellationToken ct)
    {
        var start = Corrected(e, data, "start");
        var end = Corrected(e, data, "end");
        return s.AddAsync("""
            INSERT INTO absences(box_id, epoch, seq, hall_day, counter, staff_id, staff_name, start_at, end_at, seconds)
            VALUES (@box, @epoch, @seq, @day, @counter, @staff, @sname, @start, @end, @secs) ON CONFLICT(box_id, epoch, seq) DO NOTHING
            """, false, ct, ("@box", e.BoxId), ("@epoch", e.Epoch), ("@seq", e.Event.Seq), ("@day", e.HallDay), ("@counter", Str(data, "counter")), ("@staff", Str(data, "staffId")), ("@sname", Str(data, "staffName")),
            ("@start", s.Dialect.TimeValue(start)), ("@end", s.Dialect.TimeValue(end)), ("@secs", start is { } a && end is { } b ? (b - a).TotalSeconds : null));
    }

    private static ValueTask Alert(Statements s, StoredEvent e, JsonElement alert, CancellationToken ct)
    {
        var type = Str(alert, "type") ?? "unknown";
        var subject = Str(alert, "counter") ?? Str(alert, "deviceId") ?? Str(alert, "cameraId") ?? Str(alert, "category") ?? string.Empty;
        return s.AddAsync("""
            INSERT INTO alerts(box_id, epoch, seq, hall_day, type, alert_key, active, at, message, details)
            VALUES (@box, @epoch, @seq, @day, @type, @key, @active, @at, @message, @details) ON CONFLICT(box_id, epoch, seq) DO NOTHING
            """, false, ct, ("@box", e.BoxId), ("@epoch", e.Epoch), ("@seq", e.Event.Seq), ("@day", e.HallDay), ("@type", type), ("@key", type + ":" + subject), ("@active", Bool(alert, "active") ?? true),
            ("@at", s.Dialect.TimeValue(e.HallTime)), ("@message", Str(alert, "message")), ("@details", alert.GetRawText()));
    }

    private static async ValueTask Verdict(Statements s, StoredEvent e, JsonElement signed, CancellationToken ct)
    {
        var pack = Str(signed, "pack");
        var signature = Str(signed, "signature");
        if (pack is null || signature is null)
        {
            return;
        }

        // Checked against the key the box was enrolled with, not the key the pack carries.
        var verified = BoxKey.Verify(Encoding.UTF8.GetBytes(pack), signature, e.BoxPublicKey);
        JsonElement? content = null;
        try
        {
            using var document = JsonDocument.Parse(pack);
            content = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
        }

        await s.AddAsync("""
            INSERT INTO evidence_packs(box_id, epoch, seq, inspection_id, application_id, pack, signature, key_id, public_key, algorithm, verified)
            VALUES (@box, @epoch, @seq, @insp, @app, @pack, @sig, @kid, @pub, @alg, @verified) ON CONFLICT(box_id, epoch, seq) DO NOTHING
            """, false, ct, ("@box", e.BoxId), ("@epoch", e.Epoch), ("@seq", e.Event.Seq), ("@insp", content is { } p1 ? Str(p1, "inspectionId") : null), ("@app", content is { } p2 ? Str(p2, "applicationId") : null),
            ("@pack", pack), ("@sig", signature), ("@kid", Str(signed, "keyId")), ("@pub", Str(signed, "publicKey")), ("@alg", Str(signed, "algorithm")), ("@verified", verified));
        if (content is not { } c || Str(c, "inspectionId") is not { } inspectionId)
        {
            return;
        }

        await s.AddAsync("""
            INSERT INTO inspection_verdicts(box_id, inspection_id, application_id, item_code, verdict, reasons, checked_at, verified, hall_day, updated_hlc)
            VALUES (@box, @insp, @app, @item, @verdict, @reasons, @checked, @verified, @day, @hlc)
            ON CONFLICT(box_id, inspection_id) DO UPDATE SET application_id = excluded.application_id, item_code = excluded.item_code, verdict = excluded.verdict,
                reasons = excluded.reasons, checked_at = excluded.checked_at, verified = excluded.verified, hall_day = excluded.hall_day, updated_hlc = excluded.updated_hlc
            WHERE inspection_verdicts.updated_hlc <= excluded.updated_hlc
            """, false, ct, ("@box", e.BoxId), ("@insp", inspectionId), ("@app", Str(c, "applicationId")), ("@item", Str(c, "itemCode")),
            ("@verdict", Bool(c, "passed") == true ? "passed" : "failed"), ("@reasons", Raw(c, "failedCheckpoints")), ("@checked", Time(s, e, c, "checkedAt")),
            ("@verified", verified), ("@day", e.HallDay), ("@hlc", e.Event.Hlc));
    }

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    private static long? Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    private static string? Raw(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is not JsonValueKind.Null ? value.GetRawText() : null;

    /// <summary>A time of the payload with the event's skew correction applied.</summary>
    private static DateTimeOffset? Corrected(StoredEvent e, JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var t) ? t + e.Correction : null;

    private static object Time(Statements s, StoredEvent e, JsonElement element, string name) => s.Dialect.TimeValue(Corrected(e, element, name));
}
