using System.Security.Claims;
using Hall.Contract;
using Hall.Evaluation.CountySupervision;
using Microsoft.AspNetCore.Mvc;

namespace Hall.FirmwareHost.Admin;

/// <summary>
/// 督办 from the county on the console's 差评回访 tab: the list, and the hall's one answer to each, under the admin API
/// group (duty managers and admins; a stranger gets 401).
/// </summary>
internal static class SupervisionEndpoints
{
    /// <summary>Maps GET /supervisions and POST /supervisions/{id}/answer {text}.</summary>
    public static RouteGroupBuilder MapSupervisionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/supervisions", ([FromServices] Supervisions supervisions, [FromServices] HallClock clock) =>
        {
            var now = clock.Now();
            return AdminResults.Json(supervisions.List().Select(s => View(s, clock, now)).ToList());
        });

        api.MapPost("/supervisions/{supervisionId}/answer", async (string supervisionId, HttpContext context, ClaimsPrincipal user, [FromServices] Supervisions supervisions, [FromServices] HallClock clock) =>
        {
            var (request, bad) = await AdminResults.ReadAsync<SupervisionAnswerRequest>(context.Request);
            if (request is null)
            {
                return bad!;
            }

            var (answered, error) = await supervisions.AnswerAsync(supervisionId, AdminPrincipal.Actor(user).Id, user.FindFirstValue(ClaimTypes.Name), request.Text, context.RequestAborted);
            return error is not null
                ? AdminResults.Error(error.Code, error.Message, error.Code == ErrorCodes.UnknownSupervision ? StatusCodes.Status404NotFound : AdminResults.StatusOf(error.Code))
                : AdminResults.Json(View(answered!, clock, clock.Now()));
        });
        return api;
    }

    // Times also as text in the hall's own clock: the console's browser may run in another zone.
    private static object View(Supervision s, HallClock clock, DateTimeOffset now) => new
    {
        s.SupervisionId,
        s.CaseId,
        s.Text,
        s.Deadline,
        s.SentBy,
        s.SentAt,
        s.ReceivedAt,
        s.Answered,
        s.AnsweredBy,
        s.AnsweredByName,
        s.AnswerText,
        s.AnsweredAt,
        overdue = !s.Answered && now > s.Deadline,
        deadlineText = Text(clock, s.Deadline),
        receivedText = Text(clock, s.ReceivedAt),
        answeredText = s.AnsweredAt is { } at ? Text(clock, at) : null,
    };

    private static string Text(HallClock clock, DateTimeOffset instant) =>
        clock.Local(instant).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The hall's answer to a 督办.</summary>
internal sealed record SupervisionAnswerRequest(string? Text);
