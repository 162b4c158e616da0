using Hall.FirmwareHost.Access;
using Hall.Assessment;
using System.Security.Claims;
using Hall.Contract;
using Hall.DeviceRegistry;
using Hall.FirmwareHost.Box;
using Hall.FirmwareHost.Broker;
using Hall.Queue;
using Hall.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Hall.FirmwareHost.Admin;

/// <summary>
/// The admin page (/admin, for duty managers and admins) and the counter page (/counter/{counter},
/// for counter staff with their PIN). docs/admin.md describes both.
/// </summary>
public static class AdminEndpoints
{
    private const string HtmlType = "text/html; charset=utf-8";

    /// <summary>
    /// Maps GET /admin/login, GET /admin, the JSON API under /admin/api, and the counter page
    /// (GET /counter/{counter}, its API under /counter/{counter}/api). Call after AddAdmin and AddStaff.
    /// </summary>
    public static WebApplication MapAdmin(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/admin/login", () => Page(AdminPages.Login)).AllowStrangers();
        app.MapGet("/admin", () => Page(AdminPages.Console)).RequireStaff(AdminAuth.PagePolicy);
        app.MapGet("/admin/live", (HttpContext context, [FromServices] Hall.Display.LiveFeed feed, IOptions<Hall.Display.DisplayOptions> options, TimeProvider time, ILoggerFactory loggers) =>
            Hall.Display.DisplayEndpoints.StreamStaffLiveAsync(context, feed, options, time, loggers)).RequireStaff(AdminAuth.PagePolicy);

        // Signing in (and out) is open to anyone; everything else under /admin/api is for signed-in staff.
        var open = app.MapGroup("/admin/api").AddEndpointFilter(new SameOriginFilter(AdminAuth.CsrfHeader)).AllowStrangers();
        open.MapPost("/login", LoginAsync);
        open.MapPost("/logout", async (HttpContext context, [FromServices] StaffSessions sessions) =>
        {
            // The session ends on the box, not only in this browser: a copy of the cookie is refused from now on.
            var signedIn = await context.AuthenticateAsync(AdminAuth.Scheme);
            sessions.End(signedIn.Principal?.FindFirstValue(AdminAuth.SessionClaim), "logout");
            await context.SignOutAsync(AdminAuth.Scheme);
            return AdminResults.Json(new { ok = true });
        });

        var api = app.MapGroup("/admin/api")
            .AddEndpointFilter(new SameOriginFilter(AdminAuth.CsrfHeader))
            .RequireStaff(AdminAuth.PagePolicy);
        // The hall's name and time zone with who is signed in: the console shows every time in the hall's clock,
        // whatever the zone of the PC it is opened on.
        api.MapGet("/me", (ClaimsPrincipal user, [FromServices] IHallPublisher publisher, [FromServices] IOptions<BoxOptions> box) => AdminResults.Json(new
        {
            staffId = user.FindFirstValue(ClaimTypes.NameIdentifier),
            name = user.FindFirstValue(ClaimTypes.Name),
            role = user.FindFirstValue(ClaimTypes.Role),
            hallId = publisher.HallId,
            hallName = box.Value.HallName,
            timeZone = box.Value.TimeZone,
        }));
        MapStaff(api);
        MapDevices(api);
        MapQueue(api);
        api.MapCaseEndpoints();
        api.MapSupervisionEndpoints();
        api.MapCameraEndpoints();
        CounterPageEndpoints.Map(app);
        app.MapGroup(string.Empty).RequireStaff(AdminAuth.PagePolicy).MapAssessment(AdminAuth.PagePolicy);
        return app;
    }

    private static IResult Page(string html)
    {
        return Results.Content(html, HtmlType, System.Text.Encoding.UTF8);
    }

    private static async Task<IResult> LoginAsync(HttpContext context, [FromServices] StaffDirectory directory, [FromServices] StaffSessions sessions)
    {
        var (request, bad) = await AdminResults.ReadAsync<LoginRequest>(context.Request);
        if (request is null)
        {
            return bad!;
        }

        var source = SignInLimiter.AddressKey(context.Connection.RemoteIpAddress);
        var result = await directory.SignInWithPasswordAsync(request.StaffId, request.Password, source, context.RequestAborted);
        if (result.Member is not { } member)
        {
            if (result.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return AdminResults.Error(result.Code!, result.Message, result.Code is ErrorCodes.StaffLocked or ErrorCodes.SignInThrottled ? AdminResults.StatusOf(result.Code) : StatusCodes.Status401Unauthorized);
        }

        await SignInAsync(context, sessions, member);
        return AdminResults.Json(new { staffId = member.StaffId, name = member.Name, role = StaffRoles.Name(member.Role) });
    }

    /// <summary>A new server-side session, named in the cookie.</summary>
    private static Task SignInAsync(HttpContext context, StaffSessions sessions, StaffMember member)
    {
        var token = sessions.Start(member.StaffId, StaffSessionKind.Admin, counter: null, address: context.Connection.RemoteIpAddress?.ToString());
        return context.SignInAsync(AdminAuth.Scheme, AdminPrincipal.Create(member, token), new AuthenticationProperties { IsPersistent = false });
    }

    private static void MapStaff(RouteGroupBuilder api)
    {
        api.MapGet("/staff", ([FromServices] StaffDirectory directory) => AdminResults.Json(directory.List()));

        api.MapPost("/staff", async (HttpContext context, ClaimsPrincipal user, [FromServices] StaffDirectory directory) =>
        {
            var (request, bad) = await AdminResults.ReadAsync<NewStaff>(context.Request);
            return request is null ? bad! : Staff(() => directory.Add(request, AdminPrincipal.Actor(user)), StatusCodes.Status201Created);
        });

        api.MapPut("/staff/{staffId}", async (string staffId, HttpContext context, ClaimsPrincipal user, [FromServices] StaffDirectory directory) =>
        {
            var (request, bad) = await AdminResults.ReadAsync<StaffUpdate>(context.Request);
            return request is null ? bad! : Staff(() => directory.Update(staffId, request, AdminPrincipal.Actor(user)));
        });

        api.MapPost("/staff/{staffId}/pin", async (string staffId, HttpContext context, ClaimsPrincipal user, [FromServices] StaffDirectory directory) =>
        {
            var (request, bad) = await AdminResults.ReadAsync<PinRequest>(context.Request);
            return request is null ? bad! : Staff(() => directory.SetPin(staffId, request.Pin, AdminPrincipal.Actor(user)));
        });

        api.MapPost("/staff/{staffId}/password", async (string staffId, HttpContext context, ClaimsPrincipal user, [FromServices] StaffDirectory directory, [FromServices] StaffSessions sessions) =>
        {
            var (request, bad) = await AdminResults.ReadAsync<PasswordRequest>(context.Request);
            if (request is null)
            {
                return bad!;
            }

            var actor = AdminPrincipal.Actor(user);
            StaffMember member;
            try
            {
                member = directory.SetPassword(staffId, request.Password, actor);
            }
            catch (StaffException ex)
            {
                return AdminResults.From(ex);
            }

            if (string.Equals(member.StaffId, actor.Id, StringComparison.OrdinalIgnoreCase) && member.HasPassword)
            {
                // A new password ends older sessions, this one too; give this browser a new one, as it just proved it knows the account.
                await SignInAsync(context, sessions, member);
            }

            return AdminResults.Json(member);
        });

        api.MapPost("/staff/{staffId}/unlock", (string staffId, ClaimsPrincipal user, [FromServices] StaffDirectory directory) =>
            Staff(() => directory.Unlock(staffId, AdminPrincipal.Actor(user))));

        // Who is signed in where; an admin can end any session (a lost phone, a shared browser left signed in).
        api.MapGet("/sessions", ([FromServices] StaffSessions sessions) => AdminResults.Json(sessions.List()))
            .RequireAuthorization(AdminAuth.AdminPolicy);
        api.MapPost("/sessions/{id:long}/end", (long id, [FromServices] StaffSessions sessions) =>
            sessions.End(id, "ended-by-admin")
                ? AdminResults.Json(new { ok = true })
                : AdminResults.Error(ErrorCodes.UnknownSession, "没有这个登录会话,或它已结束", StatusCodes.Status404NotFound))
            .RequireAuthorization(AdminAuth.AdminPolicy);
    }

    private static IResult Staff(Func<StaffMember> change, int status = StatusCodes.Status200OK)
    {
        try
        {
            return AdminResults.Json(change(), status);
        }
        catch (StaffException ex)
        {
            return AdminResults.From(ex);
        }
    }

    private static void MapDevices(RouteGroupBuilder api)
    {
        api.MapGet("/devices", ([FromServices] DeviceRegistryService registry, [FromServices] DeviceWatch watch) =>
        {
            var seen = watch.Devices.ToDictionary(d => d.DeviceId, StringComparer.Ordinal);
            return AdminResults.Json(registry.List().Select(d => new
            {
                d.DeviceId,
                Role = DeviceRegistryService.RoleName(d.Role),
                d.Counter,
                d.EnrolledAt,
                d.RevokedAt,
                d.Note,
                d.Village,
                d.Web,
                d.SetupPending,
                Online = seen.TryGetValue(d.DeviceId, out var state) && state.Online && d.RevokedAt is null,
                LastSeen = seen.TryGetValue(d.DeviceId, out var last) ? last.Since : (DateTimeOffset?)null,
            }).ToList());
        });

        // The box's certificate, for the technician to compare with what a device or a browser was shown.
        api.MapGet("/box/certificate", ([FromServices] BoxTls tls, [FromServices] IOptions<BoxOptions> box) => AdminResults.Json(new
        {
            sha256 = tls.Fingerprint,
            notAfter = tls.Certificate.NotAfter.ToUniversalTime(),
            httpsPort = box.Value.HttpsPort,
            mqttTlsPort = box.Value.MqttTlsPort,
            deviceLanIsolated = box.Value.DeviceLanIsolated,
        }));

        api.MapPost("/devices", async (HttpContext context, [FromServices] DeviceRegistryService registry, [FromServices] IOptions<BoxOptions> box, [FromServices] BoxTls tls) =>
        {
            var (request, bad) = await AdminResults.ReadAsync<EnrollRequest>(context.Request);
            if (request is null)
            {
                return bad!;
            }

            if (!DeviceRegistryService.TryParseRole(request.Role, out var role))
            {
                return AdminResults.Error(ErrorCodes.InvalidField, $"设备类型 '{request.Role}' 无效:kiosk、caller、display 或 evaluator.", StatusCodes.Status400BadRequest);
            }

            try
            {
                var counter = string.IsNullOrWhiteSpace(request.Counter) ? null : request.Counter.Trim();
                var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
                var village = string.IsNullOrWhiteSpace(request.Village) ? null : request.Village.Trim();
                var credentials = request.Web
                    ? registry.EnrollWeb(request.DeviceId?.Trim() ?? string.Empty, role, counter, request.Replace, note, village)
                    : registry.Enroll(request.DeviceId?.Trim() ?? string.Empty, role, counter, request.Replace, note, village);
                credentials = credentials with { BoxCertificateSha256 = tls.Fingerprint };

                // The password (or the setup link) is shown this once; no cache may keep it. The link is on the address
                // the console was opened with: the box as the hall LAN reaches it.
                context.Response.Headers.CacheControl = "no-store";
                var setupUrl = credentials.SetupPath is { } path ? $"{context.Request.Scheme}://{context.Request.Host}{path}" : null;
                return AdminResults.Json(new { credentials, setupUrl, hallId = box.Value.HallId, mqttPort = box.Value.MqttPort, mqttTlsPort = box.Value.MqttTlsPort }, StatusCodes.Status201Created);
            }
            catch (EnrollmentException ex)
            {
                return AdminResults.Error(ex.Code, ex.Message, AdminResults.StatusOf(ex.Code));
            }
        }).RequireAuthorization(AdminAuth.AdminPolicy);

        // The hall's village points (村级代办点) a device may be enrolled under: the county's list, or the technician's before it.
        api.MapGet("/villages", ([FromServices] DeviceRegistryService registry) => AdminResults.Json(registry.Villages()));

        api.MapPost("/devices/{deviceId}/revoke", (string deviceId, [FromServices] DeviceRegistryService registry) =>
            registry.Revoke(deviceId)
                ? AdminResults.Json(new { deviceId, revoked = true })
                : AdminResults.Error(ErrorCodes.UnknownDevice, $"没有已登记且未吊销的设备 {deviceId} (no such device).", StatusCodes.Status404NotFound))
            .RequireAuthorization(AdminAuth.AdminPolicy);
    }

    private static void MapQueue(RouteGroupBuilder api)
    {
        api.MapGet("/queue", ([FromServices] QueueService queue) => AdminResults.Json(queue.GetSnapshot()));

        // Alerts that hold now, so a console opened in the middle of the day is not blank.
        api.MapUplink();
        api.MapGet("/alerts", ([FromServices] Hall.Store.Alerts.AlertBoard board) => AdminResults.Json(board.Active));

        api.MapPost("/categories", async (HttpContext context, [FromServices] QueueService queue) =>
        {
            var (definition, bad) = await AdminResults.ReadAsync<CategoryDefinition>(context.Request);
            return definition is null ? bad! : AdminResults.From(await queue.CreateCategoryAsync(definition, context.RequestAborted));
        }).RequireAuthorization(AdminAuth.AdminPolicy);

        api.MapPut("/categories/{prefix}", async (string prefix, HttpContext context, [FromServices] QueueService queue) =>
        {
            var (definition, bad) = await AdminResults.ReadAsync<CategoryDefinition>(context.Request);
            return definition is null ? bad! : AdminResults.From(await queue.UpdateCategoryAsync(definition with { Prefix = prefix }, context.RequestAborted));
        }).RequireAuthorization(AdminAuth.AdminPolicy);

        api.MapPost("/counters", async (HttpContext context, [FromServices] QueueService queue) =>
        {
            var (definition, bad) = await AdminResults.ReadAsync<CounterDefinition>(context.Request);
            return definition is null ? bad! : AdminResults.From(await queue.CreateCounterAsync(definition, context.RequestAborted));
        }).RequireAuthorization(AdminAuth.AdminPolicy);

        api.MapPut("/counters/{counter}", async (string counter, HttpContext context, [FromServices] QueueService queue) =>
        {
            var (definition, bad) = await AdminResults.ReadAsync<CounterDefinition>(context.Request);
            return definition is null ? bad! : AdminResults.From(await queue.UpdateCounterAsync(definition with { Id = counter }, context.RequestAborted));
        }).RequireAuthorization(AdminAuth.AdminPolicy);

        api.MapPost("/counters/{counter}/open", async (string counter, HttpContext context, [FromServices] QueueService queue) =>
            AdminResults.From(await queue.OpenCounterAsync(counter, context.RequestAborted)));

        api.MapPost("/counters/{counter}/close", async (string counter, HttpContext context, [FromServices] QueueService queue) =>
            AdminResults.From(await queue.CloseCounterAsync(counter, context.RequestAborted)));

        api.MapPost("/tickets/{ticketNo}/cancel", async (string ticketNo, HttpContext context, [FromServices] QueueService queue) =>
            AdminResults.From(await queue.CancelTicketAsync(ticketNo, context.RequestAborted)));
    }
}
