using Hall.FirmwareHost.Access;
using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hall.Contract;
using Hall.FirmwareHost.Broker;
using Hall.Queue;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;

namespace Hall.FirmwareHost.Admin;

/// <summary>
/// The counter page: staff at a counter without a keypad sign in with staff id + PIN and press the
/// same commands. Every command goes through <see cref="RequestRouter"/> as a caller of that counter,
/// so the page and the keypad share one code path. After a PIN sign-in the browser holds a signed,
/// HttpOnly cookie for that counter only; commands without it, or after another person signed in
/// at the counter, are refused, so the PIN is the guard even where the queue does not require sign-in.
/// </summary>
internal static partial class CounterPageEndpoints
{
    private const string CookieName = "hall_counter";
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(16);

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

    private static IResult StateAsync(string counter, HttpContext context, [FromServices] QueueService queue, [FromServices] IDataProtectionProvider protection, [FromServices] TimeProvider time)
    {
        var state = IsCounter(counter) ? queue.GetCounterState(counter) : null;
        if (state is null)
        {
            return AdminResults.Error(ErrorCodes.UnknownCounter, $"没有 {counter} 号窗口 (no such counter).", StatusCodes.Status404NotFound);
        }

        var snapshot = queue.GetSnapshot();
        var session = ReadSession(context, counter, protection, time);
        return AdminResults.Json(new
        {
            state,
            signedIn = session is not null && string.Equals(session, state.StaffId, StringComparison.OrdinalIgnoreCase),
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
        [FromServices] TimeProvider time)
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
            var session = ReadSession(context, counter, protection, time);
            var signedIn = queue.GetCounterState(counter)?.StaffId;
            if (session is null || !string.Equals(session, signedIn, StringComparison.OrdinalIgnoreCase))
            {
                ClearSession(context, counter);
                return AdminResults.Error(ErrorCodes.NotSignedIn, "请先用工号和 PIN 在本页签到 (sign in with your staff id and PIN first).", StatusCodes.Status401Unauthorized);
            }
        }

        // The same path as a caller keypad on MQTT, as the enrolled counter device: role and counter come from its
        // enrollment, never the payload. The page stands where its counter stands (a village 代办员's desk is signed in on
        // the same page).
        var who = device.Identity with { Village = queue.VillageOf(counter) };
        var reply = await router.RouteAsync(who, Topics.Requests.Counter, new ReadOnlySequence<byte>(json), context.RequestAborted);
        if (reply is ErrorReply error)
        {
            return AdminResults.Json(error, AdminResults.StatusOf(error.Error.Code));
        }

        if (reply is CounterStateMessage state)
        {
            if (cmd == "signin" && state.StaffId is { } staffId)
            {
                WriteSession(context, counter, staffId, protection, time);
            }
            else if (cmd == "signout")
            {
                ClearSession(context, counter);
            }
        }

        return AdminResults.Json(reply);
    }

    private static IDataProtector Protector(IDataProtectionProvider protection) => protection.CreateProtector("Hall.Admin.CounterSession.v1");

    private static void WriteSession(HttpContext context, string counter, string staffId, IDataProtectionProvider protection, TimeProvider time)
    {
        var value = string.Join('\n', counter, staffId, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        context.Response.Cookies.Append(CookieName, Protector(protection).Protect(value), Options(context, counter));
    }

    private static void ClearSession(HttpContext context, string counter) =>
        context.Response.Cookies.Delete(CookieName, Options(context, counter));

    /// <summary>The staff id this browser signed in with at this counter, or null.</summary>
    private static string? ReadSession(HttpContext context, string counter, IDataProtectionProvider protection, TimeProvider time)
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
        if (parts.Length != 3 || parts[0] != counter || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
        {
            return null;
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued);
        return age >= TimeSpan.Zero && age < SessionLifetime ? parts[1] : null;
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
