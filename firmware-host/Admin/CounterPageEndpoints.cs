using Hall.FirmwareHost.Access;
using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hall.Contract;
using Hall.FirmwareHost.Broker;
using Hall.Queue;
using Hall.Staff;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;

namespace Hall.FirmwareHost.Admin;

/// <summary>
/// The counter page: staff at a counter without a keypad sign in with staff id + PIN and press the
/// same commands. Every command goes through <see cref="RequestRouter"/> as a caller of that counter,
/// so the page and the keypad share one code path. After a PIN sign-in the browser holds a signed,
/// HttpOnly cookie for that counter only, naming a server-side session (<see cref="StaffSessions"/>);
/// commands without a live one, or after another person signed in at the counter, are refused, so the
/// PIN is the guard even where the queue does not require sign-in. Sign-out ends the session on the box.
/// </summary>
internal static partial class CounterPageEndpoints
{
    private const string CookieName = "hall_counter";

    public static void Map(WebApplication app)
    {
        app.MapGet("/counter/{counter}", (string counter) =>
            IsCounter(counter) ? Results.Content(AdminPages.Counter, "text/html; charset=utf-8", System.Text.Encoding.UTF8) : Results.NotFound())
            .RequireDevice(DeviceRole.Caller);

        // The counter's own enrolled device first (the middleware checks its cookie), then the staff sign-in below.
        var api = app.MapGroup("/counter/{counter}/api").AddEndpointFilter(new SameOriginFilter(AdminAuth.CounterCsrfHeader)).RequireDevice(DeviceRole.Caller);
        api.MapGet("/state", StateAsync);
        api.MapPost("/command", CommandAsync);
    }

    private static IResult StateAsync(string counter, HttpContext context, [FromServices] QueueService queue, [FromServices] IDataProtectionProvider protection, [FromServices] StaffSessions sessions)
    {
        var state = IsCounter(counter) ? queue.GetCounterState(counter) : null;
        if (state is null)
        {
            return AdminResults.Error(ErrorCodes.UnknownCounter, $"没有 {counter} 号窗口 (no such counter).", StatusCodes.Status404NotFound);
        }

        var snapshot = queue.GetSnapshot();
        var session = ReadSession(context, counter, protection, sessions);
        var signedIn = session is not null && string.Equals(session, state.StaffId, StringComparison.OrdinalIgnoreCase);
        return AdminResults.Json(new
        {
            // Anyone on the hall LAN can read this: the staff id only for the person signed in here, the name for all.
            state = signedIn ? state : state with { StaffId = null },
            signedIn,

            // What the person at the counter needs at a glance: how long the one in front of them waited, since when
            // they are served, their priority; and the next numbers this counter would call.
            serving = state.TicketNo is { } current && queue.FindTicket(current) is { } ticket
                ? new { ticket.TicketNo, ticket.IssuedAt, ticket.CalledAt, ticket.Priority }
                : null,
            upcoming = snapshot.Waiting
                .Where(line => state.Categories.Contains(line.Key))
                .SelectMany(line => line.Value)
                .Where(t => t.ForCounter is null || t.ForCounter == counter)
                .OrderBy(t => t.Priority is null or "appointment" ? 1 : 0)
                .ThenBy(t => t.IssuedAt)
                .Take(5)
                .Select(t => new { t.TicketNo, t.Priority }),
            categories = snapshot.Categories.Where(c => c.Active).Select(c => new { c.Prefix, c.Name, c.Waiting }),
            counters = snapshot.Counters.Where(c => c.Counter != counter).Select(c => new { id = c.Counter, name = c.CounterName ?? c.Counter }),
        });
    }

    private static async Task<IResult> CommandAsync(
        string counter,
        WebDevice device,
        HttpContext context,
        [FromServices] RequestRouter router,
        [FromServices] QueueService queue,
        [FromServices] IDataProtectionProvider protection,
        [FromServices] StaffSessions sessions)
    {
        if (!IsCounter(counter))
        {
            return AdminResults.Error(ErrorCodes.UnknownCounter, $"没有 {counter} 号窗口 (no such counter).", StatusCodes.Status404NotFound);
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var json = body.ToArray();
        CounterRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<CounterRequest>(json, HallJson.Options);
        }
        catch (JsonException ex)
        {
            return AdminResults.Error(ErrorCodes.BadJson, $"请求内容不是有效的 JSON (not valid JSON): {ex.Message}", StatusCodes.Status400BadRequest);
        }

        var cmd = request?.Cmd?.Trim().ToLowerInvariant();
        if (cmd != "signin")
        {
            var session = ReadSession(context, counter, protection, sessions);
            var signedIn = queue.GetCounterState(counter)?.StaffId;
            if (session is null || !string.Equals(session, signedIn, StringComparison.OrdinalIgnoreCase))
            {
                ClearSession(context, counter);
                return AdminResults.Error(ErrorCodes.NotSignedIn, "请先用工号和 PIN 在本页签到 (sign in with your staff id and PIN first).", StatusCodes.Status401Unauthorized);
            }
        }

        // The same path as a caller keypad on MQTT, as the enrolled counter device: role and counter come from its
        // enrollment, never the payload. The page stands where its counter stands (a village 代办员's desk is signed in on
        // the same page). Its PIN tries are counted per browser address, so a guesser slows only itself.
        var who = device.Identity with
        {
            Village = queue.VillageOf(counter),
            SignInSource = SignInLimiter.AddressKey(context.Connection.RemoteIpAddress),
        };
        var reply = await router.RouteAsync(who, Topics.Requests.Counter, new ReadOnlySequence<byte>(json), context.RequestAborted);
        if (reply is ErrorReply error)
        {
            if (error.Error.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return AdminResults.Json(error, AdminResults.StatusOf(error.Error.Code));
        }

        if (reply is CounterStateMessage state)
        {
            if (cmd == "signin" && state.StaffId is { } staffId)
            {
                var token = sessions.Start(staffId, StaffSessionKind.Counter, counter, context.Connection.RemoteIpAddress?.ToString());
                WriteSession(context, counter, token, protection);
            }
            else if (cmd == "signout")
            {
                sessions.End(ReadToken(context, counter, protection), "sign-out");
                ClearSession(context, counter);
            }
        }

        return AdminResults.Json(reply);
    }

    private static IDataProtector Protector(IDataProtectionProvider protection) => protection.CreateProtector("Hall.Admin.CounterSession.v2");

    private static void WriteSession(HttpContext context, string counter, string token, IDataProtectionProvider protection) =>
        context.Response.Cookies.Append(CookieName, Protector(protection).Protect(counter + "\n" + token), Options(context, counter));

    private static void ClearSession(HttpContext context, string counter) =>
        context.Response.Cookies.Delete(CookieName, Options(context, counter));

    /// <summary>The staff id this browser signed in with at this counter, while its session on the box is live; or null.</summary>
    private static string? ReadSession(HttpContext context, string counter, IDataProtectionProvider protection, StaffSessions sessions) =>
        sessions.Find(ReadToken(context, counter, protection)) is { Kind: StaffSessionKind.Counter } session && session.Counter == counter
            ? session.StaffId
            : null;

    /// <summary>The session token in this browser's cookie for this counter, or null.</summary>
    private static string? ReadToken(HttpContext context, string counter, IDataProtectionProvider protection)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var cookie) || string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        string value;
        try
        {
            value = Protector(protection).Unprotect(cookie);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        var parts = value.Split('\n');
        return parts.Length == 2 && parts[0] == counter ? parts[1] : null;
    }

    private static CookieOptions Options(HttpContext context, string counter) => new()
    {
        Path = "/counter/" + counter,
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        // The counter page is served over HTTPS only (PlainHttpGuard).
        Secure = true,
        IsEssential = true,
    };

    private static bool IsCounter(string counter) => CounterPattern().IsMatch(counter);

    [GeneratedRegex("^[A-Za-z0-9-]{1,16}$")]
    private static partial Regex CounterPattern();
}
