using System.Net;
using Hall.Contract;
using Xunit;

namespace Hall.Staff.Tests;

public sealed class CounterPageTests : IClassFixture<AdminHost>
{
    private readonly AdminHost _host;

    public CounterPageTests(AdminHost host)
    {
        _host = host;
    }

    [Fact]
    public async Task Commands_are_refused_until_staff_sign_in_with_their_pin_then_next_calls_a_ticket()
    {
        var directory = (StaffDirectory)_host.Services.GetService(typeof(StaffDirectory))!;
        directory.Add(new NewStaff { StaffId = "S401", Name = "周洁", Role = "staff", Pin = "3691" }, StaffActor.Technician);
        using var page = await _host.DeviceAsync("counter-page-2", DeviceRole.Caller, "2");
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/counter/2")).StatusCode);

        var early = await Command(page, "2", new { requestId = "c-1", cmd = "next" });
        Assert.Equal(HttpStatusCode.Unauthorized, early.StatusCode);
        Assert.Equal(ErrorCodes.NotSignedIn, await early.ErrorCodeAsync());

        var wrong = await Command(page, "2", new { requestId = "c-2", cmd = "signin", staffId = "S401", pin = "0000" });
        Assert.Equal(ErrorCodes.BadPin, await wrong.ErrorCodeAsync());

        var signin = await Command(page, "2", new { requestId = "c-3", cmd = "signin", staffId = "S401", pin = "3691" });
        Assert.Equal(HttpStatusCode.OK, signin.StatusCode);
        var state = await signin.JsonAsync();
        Assert.Equal("S401", state.GetProperty("staffId").GetString());
        Assert.Equal("open", state.GetProperty("status").GetString());

        var next = await Command(page, "2", new { requestId = "c-4", cmd = "next" });
        Assert.NotEqual(HttpStatusCode.Unauthorized, next.StatusCode);
        var reply = await next.JsonAsync();
        Assert.True(reply.TryGetProperty("counter", out _) || reply.GetProperty("error").GetProperty("code").GetString() == ErrorCodes.NoWaitingTicket);

        // Another browser at the same counter (a second enrolled device there) has not signed in.
        using var other = await _host.DeviceAsync("counter-page-2b", DeviceRole.Caller, "2");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Command(other, "2", new { requestId = "c-5", cmd = "pause", reason = "休息" })).StatusCode);
    }

    [Fact]
    public async Task A_command_without_the_page_header_is_refused()
    {
        using var page = await _host.DeviceAsync("counter-page-3", DeviceRole.Caller, "3");

        var forged = await page.SendAsync(HttpMethod.Post, "/counter/3/api/command", new { requestId = "f-1", cmd = "signin", staffId = "S001", pin = "2580" }, withHeader: false);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    private static Task<HttpResponseMessage> Command(HttpClient page, string counter, object body) =>
        page.SendAsync(HttpMethod.Post, $"/counter/{counter}/api/command", body, header: "X-Hall-Counter");
}
