using System.Net;
using Hall.Contract;
using Xunit;

namespace Hall.Staff.Tests;

public sealed class AdminPageTests : IClassFixture<AdminHost>
{
    private readonly AdminHost _host;

    public AdminPageTests(AdminHost host)
    {
        _host = host;
    }

    [Fact]
    public async Task Without_signing_in_the_api_answers_401_and_the_console_redirects_to_the_login_form()
    {
        using var browser = _host.Browser();

        var api = await browser.GetAsync("/admin/api/staff");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);

        var console = await browser.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.StartsWith("/admin/login", console.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var login = await browser.GetAsync("/admin/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var html = await login.Content.ReadAsStringAsync();
        Assert.Contains("管理页", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bootstrap_admin_signs_in_and_then_reads_the_staff_list_and_the_console()
    {
        using var browser = _host.Browser();

        var login = await browser.LoginAsync("admin", AdminHost.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = string.Join(";", login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var staff = await browser.GetAsync("/admin/api/staff");
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        Assert.Contains((await staff.JsonAsync()).EnumerateArray(), s => s.GetProperty("staffId").GetString() == "admin");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_sets_no_session()
    {
        using var browser = _host.Browser();

        var login = await browser.LoginAsync("admin", "not-the-password");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal(ErrorCodes.SignInFailed, await login.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/admin/api/staff")).StatusCode);
    }

    [Fact]
    public async Task A_change_without_the_page_header_is_refused_even_when_signed_in()
    {
        using var browser = _host.Browser();
        await browser.LoginAsync("admin", AdminHost.AdminPassword);

        var forged = await browser.SendAsync(HttpMethod.Post, "/admin/api/staff", new { staffId = "X01", name = "伪造", role = "staff", pin = "2580" }, withHeader: false);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);

        var crossSite = await browser.SendAsync(HttpMethod.Post, "/admin/api/login", new { staffId = "admin", password = AdminHost.AdminPassword }, withHeader: false);
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);

        var list = await (await browser.GetAsync("/admin/api/staff")).JsonAsync();
        Assert.DoesNotContain(list.EnumerateArray(), s => s.GetProperty("staffId").GetString() == "X01");
    }

    [Fact]
    public async Task An_admin_adds_counter_staff_whose_pin_then_works()
    {
        using var browser = _host.Browser();
        await browser.LoginAsync("admin", AdminHost.AdminPassword);

        var added = await browser.SendAsync(HttpMethod.Post, "/admin/api/staff", new { staffId = "S101", name = "张敏", role = "staff", pin = "2580" });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("staff", (await added.JsonAsync()).GetProperty("role").GetString());
        var directory = (StaffDirectory)_host.Services.GetService(typeof(StaffDirectory))!;
        Assert.Equal("张敏", await directory.VerifyPinAsync("S101", "2580", default));

        var weak = await browser.SendAsync(HttpMethod.Post, "/admin/api/staff/S101/pin", new { pin = "1111" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(ErrorCodes.WeakPin, await weak.ErrorCodeAsync());
    }

    [Fact]
    public async Task A_duty_manager_may_watch_and_manage_counter_staff_but_not_devices_or_admins()
    {
        using var admin = _host.Browser();
        await admin.LoginAsync("admin", AdminHost.AdminPassword);
        await admin.SendAsync(HttpMethod.Post, "/admin/api/staff", new { staffId = "W201", name = "王强", role = "duty-manager", password = "Zhiban-2025" });

        using var manager = _host.Browser();
        Assert.Equal(HttpStatusCode.OK, (await manager.LoginAsync("W201", "Zhiban-2025")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/admin/api/devices")).StatusCode);

        var enroll = await manager.SendAsync(HttpMethod.Post, "/admin/api/devices", new { deviceId = "kiosk-9", role = "kiosk" });
        Assert.Equal(HttpStatusCode.Forbidden, enroll.StatusCode);

        var newAdmin = await manager.SendAsync(HttpMethod.Post, "/admin/api/staff", new { staffId = "A202", name = "赵六", role = "admin", password = "Zhao-Admin-77" });
        Assert.Equal(HttpStatusCode.Forbidden, newAdmin.StatusCode);

        var staff = await manager.SendAsync(HttpMethod.Post, "/admin/api/staff", new { staffId = "S203", name = "李娜", role = "staff", pin = "4826" });
        Assert.Equal(HttpStatusCode.Created, staff.StatusCode);
    }

    [Fact]
    public async Task Deactivating_a_duty_manager_ends_their_session_at_once()
    {
        using var admin = _host.Browser();
        await admin.LoginAsync("admin", AdminHost.AdminPassword);
        await admin.SendAsync(HttpMethod.Post, "/admin/api/staff", new { staffId = "W301", name = "孙丽", role = "duty-manager", password = "Zhiban-2025" });
        using var manager = _host.Browser();
        await manager.LoginAsync("W301", "Zhiban-2025");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/admin/api/staff")).StatusCode);

        var deactivate = await admin.SendAsync(HttpMethod.Put, "/admin/api/staff/W301", new { active = false });
        Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await manager.GetAsync("/admin/api/staff")).StatusCode);
    }

    [Fact]
    public async Task An_admin_enrolls_a_device_and_sees_its_password_once()
    {
        using var admin = _host.Browser();
        await admin.LoginAsync("admin", AdminHost.AdminPassword);

        var enroll = await admin.SendAsync(HttpMethod.Post, "/admin/api/devices", new { deviceId = "caller-7", role = "caller", counter = "1" });

        Assert.Equal(HttpStatusCode.Created, enroll.StatusCode);
        Assert.Equal("no-store", enroll.Headers.CacheControl!.ToString());
        var credentials = (await enroll.JsonAsync()).GetProperty("credentials");
        Assert.Equal("caller-7", credentials.GetProperty("username").GetString());
        Assert.False(string.IsNullOrEmpty(credentials.GetProperty("password").GetString()));

        var list = await (await admin.GetAsync("/admin/api/devices")).Content.ReadAsStringAsync();
        Assert.Contains("caller-7", list, StringComparison.Ordinal);
        Assert.DoesNotContain(credentials.GetProperty("password").GetString()!, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_live_queue_snapshot_lists_the_counters()
    {
        using var admin = _host.Browser();
        await admin.LoginAsync("admin", AdminHost.AdminPassword);

        var queue = await (await admin.GetAsync("/admin/api/queue")).JsonAsync();

        Assert.NotEmpty(queue.GetProperty("counters").EnumerateArray());
        Assert.NotEmpty(queue.GetProperty("categories").EnumerateArray());
    }
}
