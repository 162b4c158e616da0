using Hall.Contract;
using Hall.FirmwareHost.Admin;
using Hall.FirmwareHost.Box;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace Hall.FirmwareHost.Web;

/// <summary>
/// Runs first on every request (a startup filter, before routing and sign-in): a plain-HTTP request that
/// <see cref="PlainHttpPolicy"/> does not allow is redirected to HTTPS or refused with <c>https-required</c>.
/// </summary>
internal sealed class PlainHttpGuard : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var box = app.ApplicationServices.GetRequiredService<IOptions<BoxOptions>>().Value;
        app.Use(async (context, nextMiddleware) =>
        {
            var request = context.Request;
            if (request.IsHttps)
            {
                await nextMiddleware(context);
                return;
            }

            var verdict = PlainHttpPolicy.Decide(request.Path.Value ?? "/", request.Method, request.Headers.Authorization.Count > 0, request.Cookies.Keys);
            switch (verdict)
            {
                case PlainHttpVerdict.Allow:
                    await nextMiddleware(context);
                    break;
                case PlainHttpVerdict.RedirectToHttps:
                    context.Response.Redirect(HttpsUrl(request, box.HttpsPort));
                    break;
                default:
                    // Whatever came in clear is already exposed; at least nothing is done with it.
                    await AdminResults.Error(
                        ErrorCodes.HttpsRequired,
                        $"员工登录、管理和带密码或密钥的请求只能经加密连接进行,请改用 {HttpsUrl(request, box.HttpsPort)} 打开,并核对证书指纹。",
                        StatusCodes.Status403Forbidden).ExecuteAsync(context);
                    break;
            }
        });
        next(app);
    };

    private static string HttpsUrl(HttpRequest request, int port) =>
        UriHelper.BuildAbsolute("https", new HostString(request.Host.Host, port), request.PathBase, request.Path, request.QueryString);
}
