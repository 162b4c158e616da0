using Microsoft.AspNetCore.Mvc;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hall.Assessment;

/// <summary>The admin side of the window assessment: the JSON API, the monthly CSV and the printable monthly report.</summary>
public static class AssessmentEndpoints
{
    /// <summary>
    /// Maps GET /admin/api/assessment?period=day|month&amp;date=…, GET /admin/api/assessment/export.csv?month=yyyy-MM and
    /// GET /admin/report/monthly?month=yyyy-MM, each requiring <paramref name="authorizationPolicy"/> (the admin page's
    /// policy: duty managers and admins).
    /// </summary>
    public static IEndpointRouteBuilder MapAssessment(this IEndpointRouteBuilder endpoints, string authorizationPolicy)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(authorizationPolicy);
        endpoints.MapGet("/admin/api/assessment", (string? period, string? date, [FromServices] AssessmentService assessment) =>
        {
            var parsed = AssessmentPeriod.Parse(period, date, assessment.Today, out var error);
            return parsed is null ? Invalid(error!) : Results.Json(assessment.GetReport(parsed), HallJson.Options);
        }).RequireAuthorization(authorizationPolicy);

        endpoints.MapGet("/admin/api/assessment/export.csv", (string? month, [FromServices] AssessmentService assessment) =>
        {
            if (Month(month, assessment) is not { } period)
            {
                return Invalid(BadMonth(month));
            }

            var days = new List<AssessmentReport>();
            for (var day = period.From; day <= period.To; day = day.AddDays(1))
            {
                var report = assessment.GetReport(AssessmentPeriod.ForDay(day));
                if (report.Counters.Count > 0)
                {
                    days.Add(report);
                }
            }

            return Results.File(AssessmentCsv.Write(assessment.GetReport(period), days), "text/csv; charset=utf-8", $"window-assessment-{period.Label}.csv");
        }).RequireAuthorization(authorizationPolicy);

        endpoints.MapGet("/admin/report/monthly", (string? month, [FromServices] AssessmentService assessment) =>
            Month(month, assessment) is { } period
                ? Results.Content(ReportPage.Render(assessment.GetReport(period)), "text/html; charset=utf-8", Encoding.UTF8)
                : Results.Content($"<!DOCTYPE html><meta charset=\"utf-8\"><p>{System.Net.WebUtility.HtmlEncode(BadMonth(month))}</p>", "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status400BadRequest))
            .RequireAuthorization(authorizationPolicy);
        return endpoints;
    }

    private static AssessmentPeriod? Month(string? month, AssessmentService assessment)
    {
        if (string.IsNullOrWhiteSpace(month))
        {
            var today = assessment.Today;
            return AssessmentPeriod.ForMonth(today.Year, today.Month);
        }

        return AssessmentPeriod.TryParseMonth(month, out var period) ? period : null;
    }

    private static string BadMonth(string? month) => $"月份 '{month}' 格式不对,应为 2026-11 这样的年-月 (month must be yyyy-MM)";

    private static IResult Invalid(string message) =>
        Results.Json(new { error = new ErrorBody(ErrorCodes.InvalidField, message) }, HallJson.Options, statusCode: StatusCodes.Status400BadRequest);
}
