using Hall.FirmwareHost.Access;
using System.Text.Json;
using Hall.Contract;
using Hall.Evaluation;
using Hall.FirmwareHost.Web;
using Microsoft.Extensions.Options;

namespace Hall.FirmwareHost.Rating;

/// <summary>
/// 好差评 pages for people without an evaluator device: the ticket's QR rating page on a phone and the counter's
/// tablet page, and the small API behind them. Every rating goes through <see cref="EvaluationService"/>, which
/// keeps one rating per service and answers a repeated <c>requestId</c> with its first answer.
/// </summary>
public static class RatingEndpoints
{
    public static void MapRating(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapGet("/rate/{ticketNo}", (string ticketNo, string? k, TicketLinks links) =>
            links.IsValid(ticketNo, k)
                ? Results.Content(RatingPage.Html, "text/html; charset=utf-8")
                : Results.Content(RatingPage.Expired, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound)).ForTicketHolder();

        // The tablet's page and API: only the rating tablet enrolled for this counter (the middleware checks its cookie).
        app.MapGet("/evaluate/{counter}", (string counter) => Results.Content(TabletPage.Html, "text/html; charset=utf-8")).RequireDevice(DeviceRole.Evaluator);

        app.MapGet("/api/rating/reasons", (IOptions<EvaluationOptions> options) =>
            Results.Json(options.Value.Reasons.Select(r => new { code = r.Code, text = r.Text }), HallJson.Options)).AllowStrangers();

        // The evaluate message is not retained: the tablet page asks for the open window when it (re)connects.
        app.MapGet("/api/evaluate/{counter}", (string counter, WebDevice tablet, EvaluationService evaluation) =>
            evaluation.GetPendingEvaluation(tablet.Identity.Counter!) is { } pending ? Results.Json(pending, HallJson.Options) : Results.NoContent())
            .RequireDevice(DeviceRole.Evaluator);

        app.MapPost("/api/rate/{ticketNo}", async (string ticketNo, string? k, HttpRequest http, TicketLinks links, EvaluationService evaluation, HallClock clock, CancellationToken ct) =>
        {
            if (!links.IsValid(ticketNo, k))
            {
                return Refuse(clock, null, ErrorCodes.UnknownTicket, "这张号票不是今天的,或二维码不完整。", StatusCodes.Status404NotFound);
            }

            var request = await ReadAsync(http, ct);
            return request is null
                ? Refuse(clock, null, ErrorCodes.BadJson, "评价内容不是有效的 JSON。", StatusCodes.Status400BadRequest)
                : Answer(await evaluation.RateByQrAsync(ticketNo, request with { TicketNo = ticketNo }, ct));
        }).ForTicketHolder();

        app.MapPost("/api/evaluate/{counter}", async (string counter, WebDevice tablet, HttpRequest http, EvaluationService evaluation, HallClock clock, CancellationToken ct) =>
        {
            var request = await ReadAsync(http, ct);

            // The counter is the tablet's own, fixed at enrollment (the middleware refused a tablet of another counter).
            return request is null
                ? Refuse(clock, null, ErrorCodes.BadJson, "评价内容不是有效的 JSON。", StatusCodes.Status400BadRequest)
                : Answer(await evaluation.RateByTabletAsync(tablet.Identity, request, ct));
        }).RequireDevice(DeviceRole.Evaluator);
    }

    /// <summary>The page's <c>{requestId, ticketNo?, level, reasons, comment}</c>; null when it is not a JSON object.</summary>
    private static async Task<RatingRequest?> ReadAsync(HttpRequest http, CancellationToken ct)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<RatingRequest>(http.Body, HallJson.Options, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult Answer(object? reply) => reply switch
    {
        ErrorReply { Error.Code: ErrorCodes.StoreUnavailable } error => Results.Json(error, HallJson.Options, statusCode: StatusCodes.Status503ServiceUnavailable),
        ErrorReply { Error.Code: ErrorCodes.AlreadyRated } error => Results.Json(error, HallJson.Options, statusCode: StatusCodes.Status409Conflict),
        ErrorReply error => Results.Json(error, HallJson.Options, statusCode: StatusCodes.Status400BadRequest),
        _ => Results.Json(reply, HallJson.Options),
    };

    private static IResult Refuse(HallClock clock, string? requestId, string code, string message, int status) =>
        Results.Json(new ErrorReply(requestId, clock.Now(), new ErrorBody(code, message)), HallJson.Options, statusCode: status);
}
