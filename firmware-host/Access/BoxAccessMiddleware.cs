using Hall.Contract;
using Hall.DeviceRegistry;

namespace Hall.FirmwareHost.Access;

/// <summary>
/// Runs after routing and the staff sign-in, before every endpoint of the box: applies the route's
/// <see cref="BoxAccessRule"/>. A route without one is refused and logged (a route that forgot to decide fails closed).
/// A <see cref="BoxAudience.Device"/> route needs the device cookie of an enrolled, unrevoked web device of the route's
/// role and counter: a page answers others with the 本设备未登记 screen, an API with <c>device-not-enrolled</c> (401)
/// or <c>device-not-allowed</c> (403). The other audiences are checked where they are known: staff by the route's
/// authorization policy, link holders by the handler that knows the key.
/// </summary>
public sealed partial class BoxAccessMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<BoxAccessMiddleware> _logger;

    public BoxAccessMiddleware(RequestDelegate next, ILogger<BoxAccessMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context, DeviceRegistryService registry, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(registry);
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            await _next(context);
            return;
        }

        var rule = endpoint.Metadata.GetMetadata<BoxAccessRule>();
        if (rule is null)
        {
            LogUndeclared(_logger, endpoint.DisplayName ?? context.Request.Path.Value ?? "?");
            await Refusal.Api(ErrorCodes.RouteUndeclared, "此功能尚未开放。", StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }

        if (rule.Audience == BoxAudience.Device)
        {
            var device = registry.AuthenticateWeb(DeviceCookie.Read(context));
            var counter = context.Request.RouteValues.TryGetValue("counter", out var value) ? value as string : null;
            if (Refuse(device, rule, counter) is { } refusal)
            {
                await (IsPage(context) ? refusal.Page : refusal.Api).ExecuteAsync(context);
                return;
            }

            context.Items[WebDevice.ItemKey] = new WebDevice(device!);
            if (IsPage(context))
            {
                DeviceCookie.Write(context, DeviceCookie.Read(context)!, time);
            }
        }

        await _next(context);
    }

    /// <summary>Why the device may not use the route, or null when it may.</summary>
    internal static (IResult Api, IResult Page)? Refuse(DeviceIdentity? device, BoxAccessRule rule, string? counter)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (device is null)
        {
            const string message = "本设备未登记,或登记已被吊销,不能使用此功能。请联系技术员为本设备登记,并在本设备上打开技术员给的设置链接。";
            return (Refusal.Api(ErrorCodes.DeviceNotEnrolled, message, StatusCodes.Status401Unauthorized), Refusal.Page(NotEnrolledPage.NotEnrolled, StatusCodes.Status401Unauthorized));
        }

        if (device.Role != rule.DeviceRole || (counter is not null && !string.Equals(device.Counter, counter, StringComparison.OrdinalIgnoreCase)))
        {
            var message = $"本设备登记为{RoleLabel(device.Role)}{(device.Counter is null ? string.Empty : $"({device.Counter} 号窗口)")},不能用作{RoleLabel(rule.DeviceRole)}{(counter is null ? string.Empty : $"({counter} 号窗口)")}。请打开本设备自己的页面,或联系技术员重新登记。";
            return (Refusal.Api(ErrorCodes.DeviceNotAllowed, message, StatusCodes.Status403Forbidden), Refusal.Page(NotEnrolledPage.OtherDevice, StatusCodes.Status403Forbidden));
        }

        return null;
    }

    private static string RoleLabel(DeviceRole? role) => role switch
    {
        DeviceRole.Kiosk => "取号机",
        DeviceRole.Caller => "窗口页面",
        DeviceRole.Evaluator => "评价平板",
        DeviceRole.Display => "显示屏",
        _ => "其他设备",
    };

    // A page is what a person opens in the browser; everything else (fetch, form posts) gets JSON.
    private static bool IsPage(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && !context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
        && !context.Request.Path.Value!.Contains("/api/", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Error, Message = "Route {Route} declares no audience (AllowStrangers, RequireDevice, RequireStaff, …); refused")]
    private static partial void LogUndeclared(ILogger logger, string route);
}
