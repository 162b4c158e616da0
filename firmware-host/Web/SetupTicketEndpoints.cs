using System.Net;
using Hall.Contract;
using Hall.Contract.Identity;
using Hall.DeviceRegistry;
using Hall.FirmwareHost.Access;
using Hall.FirmwareHost.Admin;
using Hall.FirmwareHost.Box;
using Hall.Sync;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Hall.FirmwareHost.Web;

/// <summary>
/// <c>POST /api/setup/ticket</c>: a device's setup screen hands in the county's enrollment ticket (scanned from paper or
/// read from a USB stick) and gets its credentials back. Who may use it: whoever holds a ticket that this box's county
/// signed for this box, unused and unexpired; nobody else changes anything. The answer carries the device's secret, so
/// it is given only over HTTPS (or to the box itself on loopback): never in clear on the hall's Wi-Fi.
/// </summary>
public static class SetupTicketEndpoints
{
    public const string Route = "/api/setup/ticket";

    // A ticket is a few hundred bytes; anything much larger is not one.
    private const long MaxBodyBytes = 8 * 1024;

    public static void MapSetupTicket(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(Route, async (HttpContext http, DeviceRegistryService registry, IOptions<BoxOptions> box, IOptions<SyncOptions> sync, TimeProvider time) =>
        {
            if (!MayAnswer(http.Request.IsHttps, http.Connection.RemoteIpAddress))
            {
                return AdminResults.Error(ErrorCodes.SetupNeedsHttps, "设备登记会传回设备密钥,只能通过盒子的 HTTPS 地址进行;请在设备设置页填写 https:// 开头的盒子地址", StatusCodes.Status403Forbidden);
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxBodyBytes;
            }

            if (http.Request.ContentLength > MaxBodyBytes)
            {
                return AdminResults.Error(ErrorCodes.InvalidField, "请求过大:只需发送登记票 {\"ticket\":\"HT1.…\"}", StatusCodes.Status413PayloadTooLarge);
            }

            SetupTicketRequest? request;
            IResult? error;
            try
            {
                (request, error) = await AdminResults.ReadAsync<SetupTicketRequest>(http.Request);
            }
            catch (BadHttpRequestException)
            {
                return AdminResults.Error(ErrorCodes.InvalidField, "请求过大:只需发送登记票 {\"ticket\":\"HT1.…\"}", StatusCodes.Status413PayloadTooLarge);
            }

            if (error is not null)
            {
                return error;
            }

            var check = EnrollmentTickets.Verify(request!.Ticket, box.Value.HallId, sync.Value.HubSigningKey, time.GetUtcNow());
            if (check.Ticket is not { } ticket)
            {
                return AdminResults.Error(check.Code!, check.Message!, StatusOf(check.Code!));
            }

            try
            {
                var credentials = registry.EnrollWithTicket(ticket);
                return AdminResults.Json(new SetupTicketAnswer(credentials, box.Value.HallId, box.Value.MqttPort));
            }
            catch (EnrollmentException ex)
            {
                return AdminResults.Error(ex.Code, ex.Message, StatusOf(ex.Code));
            }
        }).AllowStrangers(); // the county-signed ticket is the credential; the handler checks it and HTTPS
    }

    /// <summary>The answer holds a device secret: only over HTTPS, or to the box itself (a technician's hallctl, a test).</summary>
    public static bool MayAnswer(bool isHttps, IPAddress? remote) => isHttps || (remote is not null && IPAddress.IsLoopback(remote));

    private static int StatusOf(string code) => code switch
    {
        ErrorCodes.TicketMalformed or ErrorCodes.InvalidField or ErrorCodes.MissingField or ErrorCodes.UnknownVillage => StatusCodes.Status400BadRequest,
        ErrorCodes.TicketBadSignature or ErrorCodes.TicketWrongBox => StatusCodes.Status403Forbidden,
        ErrorCodes.TicketExpired => StatusCodes.Status410Gone,
        ErrorCodes.TicketNoCountyKey => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status409Conflict,
    };

    /// <summary>The body: the ticket's text, <c>HT1.…</c>.</summary>
    public sealed record SetupTicketRequest(string? Ticket);

    /// <summary>What the device keeps: its credentials, the hall it belongs to and the broker's port.</summary>
    public sealed record SetupTicketAnswer(DeviceCredentials Credentials, string HallId, int MqttPort);
}
