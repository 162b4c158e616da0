using System.Security.Claims;
using System.Text.Json.Nodes;
using System.Text.Json;
using Hall.Contract;
using Hall.Evaluation.Domain;
using Hall.Evaluation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Hall.FirmwareHost.Admin;

/// <summary>
/// The duty manager's follow-up of bad reviews (差评回访整改) on the admin page, and ratings entered on a person's
/// behalf. Deciding an appeal is the county's and is not offered on the box.
/// </summary>
internal static class CaseEndpoints
{
    /// <summary>
    /// Maps, under the admin API group (duty managers and admins): GET /cases?state=&amp;overdue=, GET /cases/{id},
    /// POST /cases/{id}/callback|rectify|close {note}, POST /cases/{id}/appeal {kind, note},
    /// GET /ratings/reasons and POST /ratings/staff-entry.
    /// </summary>
    public static RouteGroupBuilder MapCaseEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/cases", (string? state, string? overdue, [FromServices] EvaluationService evaluation, [FromServices] HallClock clock) =>
        {
            CaseState? wanted = null;
            if (!string.IsNullOrWhiteSpace(state))
            {
                if (ParseState(state) is not { } parsed)
                {
                    return AdminResults.Error(ErrorCodes.InvalidField, $"状态 '{state}' 无效,应为 open、called-back、rectified、closed、appealed 或 appeal-accepted (state).", StatusCodes.Status400BadRequest);
                }

                wanted = parsed;
            }

            var overdueOnly = overdue?.Trim().ToLowerInvariant() is "1" or "true" or "yes";
            var now = clock.Now();
            var cases = evaluation.ListCases(new CaseFilter { State = wanted, OverdueOnly = overdueOnly });
            return AdminResults.Json(new JsonArray([.. cases.Select(c => (JsonNode)View(c, now))]));
        });

        api.MapGet("/cases/{caseId}", (string caseId, [FromServices] EvaluationService evaluation, [FromServices] HallClock clock) =>
            evaluation.GetCase(caseId) is { } found
                ? AdminResults.Json(View(found, clock.Now()))
                : AdminResults.Error(ErrorCodes.UnknownCase, $"没有差评案件 {caseId} (unknown case).", StatusCodes.Status404NotFound));

        api.MapPost("/cases/{caseId}/callback", (string caseId, HttpContext context, ClaimsPrincipal user, [FromServices] EvaluationService evaluation, [FromServices] HallClock clock) =>
            NoteStepAsync(context, clock, note => evaluation.CallBackAsync(caseId, Who(user), note, context.RequestAborted)));

        api.MapPost("/cases/{caseId}/rectify", (string caseId, HttpContext context, ClaimsPrincipal user, [FromServices] EvaluationService evaluation, [FromServices] HallClock clock) =>
            NoteStepAsync(context, clock, note => evaluation.RectifyAsync(caseId, Who(user), note, context.RequestAborted)));

        api.MapPost("/cases/{caseId}/close", (string caseId, HttpContext context, ClaimsPrincipal user, [FromServices] EvaluationService evaluation, [FromServices] HallClock clock) =>
            NoteStepAsync(context, clock, note => evaluation.CloseAsync(caseId, Who(user), note, context.RequestAborted)));

        api.MapPost("/cases/{caseId}/appeal", async (string caseId, HttpContext context, ClaimsPrincipal user, [FromServices] EvaluationService evaluation, [FromServices] HallClock clock) =>
        {
            var (request, bad) = await AdminResults.ReadAsync<CaseAppealRequest>(context.Request);
            return request is null ? bad! : Step(await evaluation.AppealAsync(caseId, Who(user), request.Kind, request.Note, context.RequestAborted), clock);
        });

        api.MapGet("/ratings/reasons", ([FromServices] IOptions<EvaluationOptions> options) =>
            AdminResults.Json(options.Value.Reasons.Select(r => new { r.Code, r.Text }).ToList()));

        api.MapPost("/ratings/staff-entry", async (HttpContext context, ClaimsPrincipal user, [FromServices] EvaluationService evaluation) =>
        {
            var (request, bad) = await AdminResults.ReadAsync<StaffEntryRequest>(context.Request);
            if (request is null)
            {
                return bad!;
            }

            var rating = new RatingRequest
            {
                RequestId = request.RequestId,
                TicketNo = request.TicketNo,
                Level = request.Level,
                Reasons = request.Reasons,
                Comment = request.Comment,
            };
            return await evaluation.RateByStaffAsync(Who(user), request.Counter, rating, context.RequestAborted) switch
            {
                ErrorReply refused => AdminResults.Error(refused.Error.Code, refused.Error.Message, StatusOf(refused.Error.Code)),
                var reply => AdminResults.Json(reply),
            };
        });

        return api;
    }

    private static string Who(ClaimsPrincipal user) => AdminPrincipal.Actor(user).Id;

    private static async Task<IResult> NoteStepAsync(HttpContext context, HallClock clock, Func<string?, Task<CaseOperationResult>> step)
    {
        var (request, bad) = await AdminResults.ReadAsync<CaseNoteRequest>(context.Request);
        return request is null ? bad! : Step(await step(request.Note), clock);
    }

    private static IResult Step(CaseOperationResult result, HallClock clock) =>
        result.Case is { } changed
            ? AdminResults.Json(View(changed, clock.Now()))
            : AdminResults.Error(result.Error!.Code, result.Error.Message, StatusOf(result.Error.Code));

    private static int StatusOf(string code) => code switch
    {
        ErrorCodes.UnknownCase => StatusCodes.Status404NotFound,
        ErrorCodes.ReasonsRequired or ErrorCodes.InvalidLevel => StatusCodes.Status400BadRequest,
        _ => AdminResults.StatusOf(code),
    };

    /// <summary>The case as stored, plus what the page needs to show: whether a deadline has passed and the steps it allows.</summary>
    private static JsonObject View(BadReviewCase c, DateTimeOffset now)
    {
        var view = JsonSerializer.SerializeToNode(c, HallJson.Options)!.AsObject();
        view["overdue"] = c.IsOverdueAt(now);
        view["callbackOverdue"] = c.State == CaseState.Open && now > c.CallbackDue;
        view["rectifyOverdue"] = c.State is CaseState.Open or CaseState.CalledBack && now > c.RectifyDue;
        var next = c.State switch
        {
            CaseState.Open => new List<string> { "callback" },
            CaseState.CalledBack => ["rectify"],
            CaseState.Rectified => ["close"],
            _ => [],
        };
        if (c.Appeal is null && c.State is CaseState.Open or CaseState.CalledBack)
        {
            next.Add("appeal");
        }

        view["next"] = new JsonArray([.. next.Select(n => (JsonNode)JsonValue.Create(n))]);
        return view;
    }

    private static CaseState? ParseState(string state) => state.Trim().ToLowerInvariant() switch
    {
        "open" => CaseState.Open,
        "called-back" => CaseState.CalledBack,
        "rectified" => CaseState.Rectified,
        "closed" => CaseState.Closed,
        "appealed" => CaseState.Appealed,
        "appeal-accepted" => CaseState.AppealAccepted,
        _ => null,
    };
}
