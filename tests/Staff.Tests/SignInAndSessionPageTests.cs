using System.Net;
using Hall.Contract;
using Xunit;

namespace Hall.Staff.Tests;

/// <summary>The admin and counter pages under guessing from the LAN, and sessions that end on the box.</summary>
public sealed class SignInAndSessionPageTests : IClassFixture<AdminHost>
{
    private readonly AdminHost _host;

    public SignInAndSessionPageTests(AdminHost host)
    {
        _host = host;
    }

    private StaffDirectory Directory => (StaffDirectory)_host.Services.GetService(typeof(StaffDirectory))!;

    [Fact]
    public async Task Logout_ends_the_session_on_the_box_so_a_copy_of_the_old_cookie_gets_401()
    {
        using var browser = _host.Browser(IPAddress.Parse("127.0.0.11"));
        var login = await browser.LoginAsync("admin", AdminHost.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = CookieHeader(login);

        using var replay = _host.Replayer();
        Assert.Equal(HttpStatusCode.OK, (await Get(replay, "/admin/api/me", cookie)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(HttpMethod.Post, "/admin/api/logout")).StatusCode);

        var after = await Get(replay, "/admin/api/me", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(ErrorCodes.NotSignedIn, await after.ErrorCodeAsync());
    }

    [Fact]
    public async Task Flooding_admin_from_one_address_slows_that_address_only_and_the_real_admin_signs_in_from_another()
    {
        using var attacker = _host.Browser(IPAddress.Parse("127.0.0.12"));
        var codes = new List<string?>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 40; i++)
        {
            last = await attacker.LoginAsync("admin", "guess-" + i);
            codes.Add(await last.ErrorCodeAsync());
        }

        Assert.Equal(Enumerable.Repeat<string?>(ErrorCodes.SignInFailed, 5), codes.Take(5));
        Assert.All(codes.Skip(5), code => Assert.Equal(ErrorCodes.SignInThrottled, code));
        Assert.Equal((HttpStatusCode)429, last!.StatusCode);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        var message = (await last.JsonAsync()).GetProperty("error").GetProperty("message").GetString()!;
        Assert.Matches("请 \\d+ (秒|分钟)后再试", message);
        Assert.DoesNotMatch("[A-Za-z]", message);

        // The right password from the attacker's address waits too; from the admin's own desk it goes through.
        Assert.Equal((HttpStatusCode)429, (await attacker.LoginAsync("admin", AdminHost.AdminPassword)).StatusCode);
        using var admin = _host.Browser(IPAddress.Parse("127.0.0.13"));
        Assert.Equal(HttpStatusCode.OK, (await admin.LoginAsync("admin", AdminHost.AdminPassword)).StatusCode);
        Assert.Null(Directory.Find("admin")!.PasswordLockedUntil);

        // Made-up ids are slowed the same way.
        using var sprayer = _host.Browser(IPAddress.Parse("127.0.0.14"));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ErrorCodes.SignInFailed, await (await sprayer.LoginAsync("nobody" + i, "guess")).ErrorCodeAsync());
        }

        Assert.Equal(ErrorCodes.SignInThrottled, await (await sprayer.LoginAsync("nobody9", "guess")).ErrorCodeAsync());
    }

    [Fact]
    public async Task A_second_admin_unlocks_a_locked_admin_and_lists_and_ends_sessions()
    {
        Directory.Add(new NewStaff { StaffId = "A02", Name = "李管理", Role = "admin", Password = "Second-Admin#2025" }, StaffActor.Technician);
        Directory.Add(new NewStaff { StaffId = "A03", Name = "赵管理", Role = "admin", Password = "Third-Admin#2025" }, StaffActor.Technician);

        // Many addresses together spend A03's whole budget: the last line locks it for everyone.
        HttpResponseMessage? last = null;
        for (var i = 0; i < 30; i++)
        {
            using var guesser = _host.Browser(IPAddress.Parse($"127.0.1.{i + 1}"));
            last = await guesser.LoginAsync("A03", "guess-" + i);
        }

        Assert.Equal(ErrorCodes.StaffLocked, await last!.ErrorCodeAsync());
        Assert.Equal((HttpStatusCode)423, last!.StatusCode);
        using var a03 = _host.Browser(IPAddress.Parse("127.0.0.21"));
        Assert.Equal(ErrorCodes.StaffLocked, await (await a03.LoginAsync("A03", "Third-Admin#2025")).ErrorCodeAsync());

        using var a02 = _host.Browser(IPAddress.Parse("127.0.0.22"));
        Assert.Equal(HttpStatusCode.OK, (await a02.LoginAsync("A02", "Second-Admin#2025")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a02.SendAsync(HttpMethod.Post, "/admin/api/staff/A03/unlock")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a03.LoginAsync("A03", "Third-Admin#2025")).StatusCode);

        // A02 sees A03's session and ends it; A03's browser is signed out at once.
        var sessions = await (await a02.GetAsync("/admin/api/sessions")).JsonAsync();
        var id = sessions.EnumerateArray().First(s => s.GetProperty("staffId").GetString() == "A03").GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await a02.SendAsync(HttpMethod.Post, $"/admin/api/sessions/{id}/end")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await a03.GetAsync("/admin/api/me")).StatusCode);
        Assert.Equal(ErrorCodes.UnknownSession, await (await a02.SendAsync(HttpMethod.Post, $"/admin/api/sessions/{id}/end")).ErrorCodeAsync());

        // Strangers and duty managers cannot see or end sessions.
        using var stranger = _host.Browser(IPAddress.Parse("127.0.0.23"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/admin/api/sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.SendAsync(HttpMethod.Post, $"/admin/api/sessions/{id}/end")).StatusCode);
        Directory.Add(new NewStaff { StaffId = "D01", Name = "钱值班", Role = "duty-manager", Password = "Duty-Manager#2025" }, StaffActor.Technician);
        using var duty = _host.Browser(IPAddress.Parse("127.0.0.24"));
        await duty.LoginAsync("D01", "Duty-Manager#2025");
        Assert.Equal(HttpStatusCode.Forbidden, (await duty.GetAsync("/admin/api/sessions")).StatusCode);
    }

    [Fact]
    public async Task Counter_sign_out_ends_the_session_on_the_box_so_the_old_cookie_is_refused()
    {
        Directory.Add(new NewStaff { StaffId = "S501", Name = "孙丽", Role = "staff", Pin = "3691" }, StaffActor.Technician);
        using var page = _host.Browser(IPAddress.Parse("127.0.0.31"));
        var device = await _host.CounterDeviceAsync(page, "1");
        var signin = await Command(page, "1", new { requestId = "s-1", cmd = "signin", staffId = "S501", pin = "3691" });
        Assert.Equal(HttpStatusCode.OK, signin.StatusCode);

        // A copy of the counter PC's cookies: its device cookie and the staff session.
        var cookie = device + "; " + CookieHeader(signin);

        using var replay = _host.Replayer();
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await Command(replay, "1", new { requestId = "s-2", cmd = "pause", reason = "休息" }, cookie)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Command(page, "1", new { requestId = "s-3", cmd = "signout" })).StatusCode);

        // Even after someone signs in again at the same counter, the old cookie stays dead.
        using var again = _host.Browser(IPAddress.Parse("127.0.0.32"));
        await _host.CounterDeviceAsync(again, "1");
        Assert.Equal(HttpStatusCode.OK, (await Command(again, "1", new { requestId = "s-4", cmd = "signin", staffId = "S501", pin = "3691" })).StatusCode);
        var replayed = await Command(replay, "1", new { requestId = "s-5", cmd = "resume" }, cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal(ErrorCodes.NotSignedIn, await replayed.ErrorCodeAsync());
    }

    [Fact]
    public async Task Pin_guessing_on_the_counter_page_slows_that_browser_only_and_strangers_see_no_staff_id()
    {
        Directory.Add(new NewStaff { StaffId = "S601", Name = "吴刚", Role = "staff", Pin = "3691" }, StaffActor.Technician);
        using var guesser = _host.Browser(IPAddress.Parse("127.0.0.41"));
        await _host.CounterDeviceAsync(guesser, "4");
        var codes = new List<string?>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 8; i++)
        {
            last = await Command(guesser, "4", new { requestId = "g-" + i, cmd = "signin", staffId = "S601", pin = "1357" });
            codes.Add(await last.ErrorCodeAsync());
        }

        Assert.Equal(Enumerable.Repeat<string?>(ErrorCodes.BadPin, 5).Concat(Enumerable.Repeat<string?>(ErrorCodes.SignInThrottled, 3)), codes);

        // The page is told how long to wait (its button counts down), in the header and in the body alike.
        var retryAfter = last!.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.True(retryAfter > TimeSpan.Zero);
        var body = await last.JsonAsync();
        Assert.Equal((int)retryAfter!.Value.TotalSeconds, body.GetProperty("error").GetProperty("retryAfterSeconds").GetInt32());

        using var staff = _host.Browser(IPAddress.Parse("127.0.0.42"));
        await _host.CounterDeviceAsync(staff, "4");
        var signin = await Command(staff, "4", new { requestId = "ok-1", cmd = "signin", staffId = "S601", pin = "3691" });
        Assert.Equal(HttpStatusCode.OK, signin.StatusCode);

        // The signed-in browser sees who it is; another browser sees the name the board shows, not the sign-in id.
        var own = await (await staff.GetAsync("/counter/4/api/state")).JsonAsync();
        Assert.Equal("S601", own.GetProperty("state").GetProperty("staffId").GetString());
        var seen = await (await guesser.GetAsync("/counter/4/api/state")).JsonAsync();
        Assert.Equal("吴刚", seen.GetProperty("state").GetProperty("staffName").GetString());
        Assert.False(seen.GetProperty("state").TryGetProperty("staffId", out _));
    }

    private static string CookieHeader(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    private static async Task<HttpResponseMessage> Get(HttpClient client, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("X-Hall-Admin", "1");
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> Command(HttpClient page, string counter, object body, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/counter/{counter}/api/command")
        {
            Content = System.Net.Http.Json.JsonContent.Create(body, body.GetType(), options: HallJson.Options),
        };
        request.Headers.Add("X-Hall-Counter", "1");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await page.SendAsync(request);
    }
}
