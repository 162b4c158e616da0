using Hall.FirmwareHost.Web;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>What plain HTTP may carry on an isolated device LAN: public pages only.</summary>
public sealed class PlainHttpPolicyTests
{
    [Theory]
    [InlineData("/display/hall", "GET")]
    [InlineData("/kiosk", "GET")]
    [InlineData("/t/A001", "GET")]
    [InlineData("/api/queue", "GET")]
    [InlineData("/healthz", "GET")]
    [InlineData("/administration", "GET")]
    public void Public_pages_stay_in_clear(string path, string method) =>
        Assert.Equal(PlainHttpVerdict.Allow, PlainHttpPolicy.Decide(path, method, hasAuthorization: false, []));

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/login")]
    [InlineData("/ADMIN/login")]
    [InlineData("/counter/3")]
    [InlineData("/admin/live")]
    public void Staff_pages_go_to_HTTPS(string path) =>
        Assert.Equal(PlainHttpVerdict.RedirectToHttps, PlainHttpPolicy.Decide(path, "GET", hasAuthorization: false, []));

    [Theory]
    [InlineData("/admin/api/login", "POST")]
    [InlineData("/admin/api/me", "GET")]
    [InlineData("/Admin/Api/staff", "POST")]
    [InlineData("/counter/1/api/command", "POST")]
    [InlineData("/counter/1/api/state", "GET")]
    [InlineData("/admin/login", "POST")]
    public void Staff_calls_are_refused(string path, string method) =>
        Assert.Equal(PlainHttpVerdict.Refuse, PlainHttpPolicy.Decide(path, method, hasAuthorization: false, []));

    [Fact]
    public void Anything_carrying_a_credential_is_refused_whatever_the_route()
    {
        Assert.Equal(PlainHttpVerdict.Refuse, PlainHttpPolicy.Decide("/api/kiosk/ticket", "POST", hasAuthorization: true, []));
        Assert.Equal(PlainHttpVerdict.Refuse, PlainHttpPolicy.Decide("/api/evaluate/1", "POST", hasAuthorization: true, []));
        Assert.Equal(PlainHttpVerdict.Refuse, PlainHttpPolicy.Decide("/display/hall", "GET", hasAuthorization: false, ["hall_admin"]));
        Assert.Equal(PlainHttpVerdict.Refuse, PlainHttpPolicy.Decide("/admin", "GET", hasAuthorization: false, ["hall_counter"]));
    }
}
