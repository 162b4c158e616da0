using Hall.Contract;
using Hall.DeviceRegistry;

namespace Hall.FirmwareHost.Access;

/// <summary>
/// The one-time setup of a web device: the technician opens the link enrollment printed (<c>/setup/{code}</c>) on the
/// device's browser and presses 登记本设备. The code is used up by the POST, not by opening the link, so a chat app or
/// a scanner that previews the link does not spend it. The browser then holds the device cookie and goes to its page.
/// </summary>
public static class DeviceSetupEndpoints
{
    /// <summary>Adds the access check of every route (after routing and sign-in, before the endpoints).</summary>
    public static WebApplication UseBoxAccess(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<BoxAccessMiddleware>();
        return app;
    }

    public static WebApplication MapDeviceSetup(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The link itself is the secret; the page is the same for every code and says nothing about it.
        app.MapGet("/setup/{code}", (string code) => Refusal.Page(NotEnrolledPage.Setup, StatusCodes.Status200OK)).AllowStrangers();

        app.MapPost("/setup/{code}", (string code, HttpContext context, DeviceRegistryService registry, TimeProvider time) =>
        {
            WebDeviceCookie cookie;
            try
            {
                cookie = registry.CompleteSetup(code);
            }
            catch (EnrollmentException)
            {
                return Refusal.Page(NotEnrolledPage.SetupInvalid, StatusCodes.Status400BadRequest);
            }

            DeviceCookie.Write(context, cookie.Value, time);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Redirect(PageOf(cookie.Device), permanent: false, preserveMethod: false);
        }).AllowStrangers();
        return app;
    }

    /// <summary>Where a web device's browser goes after setup (and what hallctl and the console show with the link).</summary>
    public static string PageOf(DeviceIdentity device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Role switch
        {
            DeviceRole.Kiosk => "/kiosk",
            DeviceRole.Evaluator => "/evaluate/" + Uri.EscapeDataString(device.Counter ?? string.Empty),
            DeviceRole.Caller => "/counter/" + Uri.EscapeDataString(device.Counter ?? string.Empty),
            _ => "/",
        };
    }
}
