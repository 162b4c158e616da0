using Hall.Contract;

namespace Hall.FirmwareHost.Access;

/// <summary>The box's refusals of a route: the contract's JSON error for an API, an HTML page for a person.</summary>
internal static class Refusal
{
    public static IResult Api(string code, string message, int status) =>
        Results.Json(new { error = new ErrorBody(code, message) }, HallJson.Options, statusCode: status);

    /// <summary>A page for a person, under the hall's own name (<see cref="Web.HallPage"/>).</summary>
    public static IResult Page(string html, int status) => new Web.HallPage(html, status);
}
