using System.Net;
using Hall.Contract;
using Hall.CountyHub.Web;

namespace Hall.CountyHub.Auth;

/// <summary>
/// Runs after routing, before every endpoint: finds the signed-in user from the session cookie, refuses a change that
/// does not come from the hub's own pages, and applies the route's <see cref="HubAccessRule"/>. A stranger gets 401
/// from <c>/api/…</c> and the sign-in page for a page; a user without the role gets 403.
/// </summary>
public sealed class HubAccessMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<HubAccessMiddleware> _logger;

    public HubAccessMiddleware(RequestDelegate next, ILogger<HubAccessMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context, HubAccounts accounts)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(accounts);
        var request = context.Request;

        // The boxes' routes authenticate each request by the box's signature, in their handlers.
        if (request.Path.StartsWithSegments("/sync", StringComparison.Ordinal))
        {
            await _next(context);
            return;
        }

        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            await _next(context);
            return;
        }

        var user = await accounts.SessionAsync(request.Cookies[HubSessionCookie.Name], context.RequestAborted);
        if (user is not null)
        {
            context.Items[HubUser.ItemKey] = user;
        }

        var api = request.Path.StartsWithSegments("/api", StringComparison.Ordinal);

        // Pages and figures are per user: no shared cache keeps them.
        context.Response.Headers.CacheControl = "no-store";
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && CrossSite(request) is { } why)
        {
            await HubResults.Error(HubErrorCodes.CrossSite, why, StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }

        var rule = endpoint.Metadata.GetMetadata<HubAccessRule>();
        if (rule is null)
        {
            Log.RouteWithoutRule(_logger, endpoint.DisplayName ?? request.Path.Value ?? "?");
            await HubResults.Error(HubErrorCodes.Forbidden, "此功能尚未开放。", StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }

        if (rule.Roles is { } roles)
        {
            if (user is null)
            {
                if (api || !HttpMethods.IsGet(request.Method))
                {
                    await HubResults.Error(HubErrorCodes.SignInRequired, "请先登录。", StatusCodes.Status401Unauthorized).ExecuteAsync(context);
                }
                else
                {
                    var next = request.Path.Value + request.QueryString.Value;
                    context.Response.Redirect("/login?next=" + WebUtility.UrlEncode(next));
                }

                return;
            }

            if (!roles.Contains(user.Role))
            {
                await (api
                    ? HubResults.Error(HubErrorCodes.Forbidden, $"{HubRoles.Label(user.Role)}账号无权使用此功能。", StatusCodes.Status403Forbidden)
                    : HubPages.Forbidden(user)).ExecuteAsync(context);
                return;
            }
        }

        await _next(context);
    }

    /// <summary>Why a change is refused as not coming from the hub's own page, or null.</summary>
    private static string? CrossSite(HttpRequest request)
    {
        if (request.Headers[HubSessionCookie.CsrfHeader] != "1")
        {
            return "请求缺少页面标记,已拒绝;请从县级中心的页面操作。";
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
            ? "请求来自其他网站,已拒绝。"
            : null;
    }
}
