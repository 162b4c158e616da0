using Hall.Contract;

namespace Hall.FirmwareHost.Access;

/// <summary>The box's refusals of a route: the contract's JSON error for an API, an HTML page for a person.</summary>
internal static class Refusal
{
    public static IResult Api(string code, string message, int status) =>
        Results.Json(new { error = new ErrorBody(code, message) }, HallJson.Options, statusCode: status);

    /// <summary>A page for a person, with the hall's own name put in where it says <c>{{hall}}</c>.</summary>
    public static IResult Page(string html, int status) => new HallPage(html, status);

    private sealed class HallPage(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var hall = httpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Box.BoxOptions>>().Value.HallName;
            var page = html.Replace("{{hall}}", System.Net.WebUtility.HtmlEncode(hall), StringComparison.Ordinal);
            return Results.Content(page, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status).ExecuteAsync(httpContext);
        }
    }
}
