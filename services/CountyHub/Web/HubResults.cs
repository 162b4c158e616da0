using System.Text.Json;
using Hall.Contract;
using Hall.CountyHub.Auth;

namespace Hall.CountyHub.Web;

/// <summary>JSON answers of the hub's API, in the contract's one error shape <c>{"error":{"code","message"}}</c>.</summary>
public static class HubResults
{
    public static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, HallJson.Options, statusCode: status);

    public static IResult Error(string code, string message, int status) =>
        Results.Json(new { error = new ErrorBody(code, message) }, HallJson.Options, statusCode: status);

    public static IResult From(HubException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Error(error.Code, error.Message, error.Status);
    }

    /// <summary>Reads a JSON body; a bad one becomes a clear 400 and nothing changes.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, HallJson.Options, request.HttpContext.RequestAborted);
            return value is null
                ? (null, Error(ErrorCodes.BadJson, "请求内容为空,请从页面重新提交。", StatusCodes.Status400BadRequest))
                : (value, null);
        }
        catch (JsonException)
        {
            return (null, Error(ErrorCodes.BadJson, "请求内容格式不正确,请从页面重新提交。", StatusCodes.Status400BadRequest));
        }
    }
}
