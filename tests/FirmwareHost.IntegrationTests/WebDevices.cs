using System.Net;
using Hall.Contract;
using Microsoft.Playwright;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// Web devices as a technician sets them up: enrolled in the box's registry, then the one-time setup link opened on the
/// device (a cookie-keeping HttpClient, or a Chromium page pressing 登记本设备).
/// </summary>
internal static class WebDevices
{
    /// <summary>The absolute setup link of a newly enrolled (or, with <paramref name="replace"/>, re-enrolled) web device.</summary>
    public static Uri Enroll(BoxProcess box, string id, DeviceRole role, string? counter = null, bool replace = false) =>
        new(box.BaseUri, box.Registry.EnrollWeb(id, role, counter, replace).SetupPath!.TrimStart('/'));

    /// <summary>The same setup link on the box's HTTPS address (what an HTTPS client opens).</summary>
    public static Uri EnrollHttps(BoxProcess box, string id, DeviceRole role, string? counter = null, bool replace = false) =>
        new(box.HttpsUri, box.Registry.EnrollWeb(id, role, counter, replace).SetupPath!.TrimStart('/'));

    /// <summary>A client that keeps cookies and does not follow redirects, with no device cookie yet (a stranger).</summary>
    public static HttpClient Client(BoxProcess box) =>
        new(box.TrustBox(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true })) { BaseAddress = box.HttpsUri };

    /// <summary>A client holding the device cookie of a newly enrolled web device.</summary>
    public static async Task<HttpClient> SetUpAsync(BoxProcess box, string id, DeviceRole role, string? counter = null)
    {
        var client = Client(box);
        await SetUpAsync(client, EnrollHttps(box, id, role, counter));
        return client;
    }

    /// <summary>Opens the setup link on <paramref name="client"/> and presses 登记本设备; asserts the box took it.</summary>
    public static async Task SetUpAsync(HttpClient client, Uri setup)
    {
        using var response = await client.PostAsync(setup, null);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"setup: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Sets up a web device in a browser page, as the technician does; the page ends on the device's own page.</summary>
    public static async Task SetUpAsync(IPage page, BoxProcess box, string id, DeviceRole role, string? counter = null)
    {
        await page.GotoAsync(Enroll(box, id, role, counter).ToString());
        await page.ClickAsync("#setup-submit");
        await page.WaitForLoadStateAsync();
    }
}
