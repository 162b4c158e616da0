using Hall.Contract;

namespace Hall.FirmwareHost.Admin;

/// <summary>
/// Guards state-changing calls against cross-site requests: they must carry the page's custom
/// header (which a form on another site cannot send), and a browser's Origin, when sent, must be
/// this box. With SameSite=Strict cookies this is the admin page's antiforgery measure.
/// </summary>
internal sealed class SameOriginFilter : IEndpointFilter
{
    private readonly string _header;

    public SameOriginFilter(string header)
    {
        _header = header;
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return await next(context);
        }

        if (request.Headers[_header] != "1")
        {
            return AdminResults.Error(ErrorCodes.NotAllowed, $"请求缺少 {_header} 头,已拒绝 (missing {_header}: 1; use the box's own page).", StatusCodes.Status403Forbidden);
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)))
        {
            return AdminResults.Error(ErrorCodes.NotAllowed, "请求来自其他网站,已拒绝 (cross-origin request refused).", StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }
}
