using System.Text.Json;
using Hall.Contract;
using Hall.Queue;
using Hall.Staff;

namespace Hall.FirmwareHost.Admin;

/// <summary>JSON answers of the admin and counter APIs, in the contract's one JSON shape.</summary>
internal static class AdminResults
{
    public static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, HallJson.Options, statusCode: status);

    public static IResult Error(string code, string message, int status) =>
        Results.Json(new { error = new ErrorBody(code, message) }, HallJson.Options, statusCode: status);

    public static IResult From(StaffException error) => Error(error.Code, error.Message, StatusOf(error.Code));

    public static IResult From(QueueAdminResult result) =>
        result.Error is { } error
            ? Error(error.Code, error.Message, StatusOf(error.Code))
            : Json(new { ok = true, counter = result.Counter });

    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.UnknownStaff or ErrorCodes.UnknownDevice or ErrorCodes.UnknownVillage or ErrorCodes.UnknownCounter or ErrorCodes.UnknownCategory or ErrorCodes.UnknownTicket => StatusCodes.Status404NotFound,
        ErrorCodes.NotAllowed => StatusCodes.Status403Forbidden,
        ErrorCodes.StoreUnavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.SignInThrottled => StatusCodes.Status429TooManyRequests,
        ErrorCodes.StaffLocked => StatusCodes.Status423Locked,
        ErrorCodes.BadJson or ErrorCodes.MissingField or ErrorCodes.InvalidField or ErrorCodes.WeakPin or ErrorCodes.WeakPassword => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status409Conflict,
    };

    /// <summary>Reads a JSON body with the contract's options; a bad body becomes a clear 400.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, HallJson.Options, request.HttpContext.RequestAborted);
            return value is null
                ? (null, Error(ErrorCodes.BadJson, "请求内容为空,请发送 JSON 对象 (send a JSON object).", StatusCodes.Status400BadRequest))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Error(ErrorCodes.BadJson, $"请求内容不是有效的 JSON (not valid JSON): {ex.Message}", StatusCodes.Status400BadRequest));
        }
    }
}
