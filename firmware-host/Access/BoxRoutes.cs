using Hall.Display;
using Hall.FirmwareHost.Admin;
using Hall.FirmwareHost.Inspection;
using Hall.FirmwareHost.Rating;
using Hall.FirmwareHost.Web;

namespace Hall.FirmwareHost.Access;

/// <summary>
/// Every route of the box, in one list, behind the access check. Each route declares who may use it (AllowStrangers,
/// ForTicketHolder, ForApplicant, RequireDevice, RequireStaff); <see cref="BoxAccessMiddleware"/> refuses one that does
/// not, and a test walks this list so that such a route fails the tests before it ships.
/// </summary>
public static class BoxRoutes
{
    public static WebApplication MapBoxRoutes(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseBoxAccess();
        app.MapDeviceSetup();
        app.MapBoxEndpoints();
        app.MapKioskEndpoints();
        app.MapTicketPage();
        app.MapRating();
        app.MapGroup(string.Empty).AllowStrangers().MapDisplay();
        app.MapKioskPage().RequireDevice(Hall.Contract.DeviceRole.Kiosk);
        app.MapAdmin();
        app.MapInspection();
        app.MapSetupTicket();
        return app;
    }
}
