namespace Hall.FirmwareHost.Web;

/// <summary>
/// A page for a person, with the hall's own name (Box:HallName) put in where the page says <c>{{hall}}</c>, so every
/// public page says whose hall it is. The page files are fixed text; the name is HTML-encoded.
/// </summary>
internal sealed class HallPage(string html, int status = StatusCodes.Status200OK) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var hall = httpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Box.BoxOptions>>().Value.HallName;
        var page = html.Replace("{{hall}}", System.Net.WebUtility.HtmlEncode(hall), StringComparison.Ordinal);
        return Results.Content(page, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status).ExecuteAsync(httpContext);
    }
}
