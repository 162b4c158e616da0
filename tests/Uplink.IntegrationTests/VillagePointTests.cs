using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hall.Contract;
using Hall.DeviceRegistry;
using Hall.FirmwareHost.IntegrationTests;
using Hall.Provisioning;
using Hall.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hall.Uplink.IntegrationTests;

/// <summary>
/// A village point (村级代办点) end to end: a kiosk, a caller and an evaluator enrolled under the village on a real box with
/// hallctl, tickets taken, served and rated with mosquitto_pub/sub, synced to a real hub, and the village's figures read at
/// the hub by a signed-in county admin beside the township's own.
/// </summary>
public sealed class VillagePointTests
{
    private const string BoxAdminPassword = "hall-village-2026";
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task A_village_points_tickets_and_ratings_reach_the_county_as_the_villages_and_no_device_claims_another()
    {
        await using var rig = await UplinkRig.StartHubAsync("dl-town");
        var box = rig.Box;
        var dir = box.DataDirectory;
        rig.Hallctl("village", "add", "--id", "v-dz", "--name", "东庄村便民服务代办点", "--items", "A-SB-001,A-YB-001", "--data-dir", dir);

        // A device under a village the box does not know is refused, with the known ones named, and nothing is enrolled.
        var (code, error) = Fails("device", "enroll", "--role", "kiosk", "--id", "kiosk-x", "--village", "v-nowhere", "--data-dir", dir);
        Assert.Equal(2, code);
        Assert.Equal(ErrorCodes.UnknownVillage, JsonDocument.Parse(error).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("v-dz(东庄村便民服务代办点)", error, StringComparison.Ordinal);

        var villageKiosk = Enroll(rig, "--role", "kiosk", "--id", "kiosk-dz", "--village", "v-dz", "--data-dir", dir);
        var villageCaller = Enroll(rig, "--role", "caller", "--id", "caller-dz", "--counter", "V1", "--village", "v-dz", "--data-dir", dir);
        var villageEvaluator = Enroll(rig, "--role", "evaluator", "--id", "eval-dz", "--counter", "V1", "--village", "v-dz", "--data-dir", dir);
        var astrayCaller = Enroll(rig, "--role", "caller", "--id", "caller-astray", "--counter", "1", "--village", "v-dz", "--data-dir", dir);
        var kiosk = Enroll(rig, "--role", "kiosk", "--id", "kiosk-1", "--data-dir", dir);
        var caller = Enroll(rig, "--role", "caller", "--id", "caller-1", "--counter", "1", "--data-dir", dir);
        var evaluator = Enroll(rig, "--role", "evaluator", "--id", "eval-1", "--counter", "1", "--data-dir", dir);
        Assert.Equal("v-dz", villageKiosk.Village);

        await rig.StartBoxAsync(
            "--Sync:DownlinkInterval=00:00:01", $"--Staff:BootstrapAdminPassword={BoxAdminPassword}",
            "--Queue:Categories:0:Prefix=A", "--Queue:Categories:0:Name=公民类",
            "--Queue:Counters:0:Id=1", "--Queue:Counters:0:Categories:0=A",
            "--Queue:Counters:1:Id=V1", "--Queue:Counters:1:Name=东庄村代办点", "--Queue:Counters:1:Categories:0=A", "--Queue:Counters:1:Village=v-dz");

        // The village kiosk says it is another village: the payload is not who the device is.
        var villageTicket = (await Request(box, villageKiosk, "ticket", """{"category":"A","village":"v-other"}""")).GetProperty("ticketNo").GetString()!;
        var townTicket = (await Request(box, kiosk, "ticket", """{"category":"A"}""")).GetProperty("ticketNo").GetString()!;

        // A caller enrolled under the village but bound to the township's counter is refused, and calls nothing.
        var astray = await Request(box, astrayCaller, "counter", """{"cmd":"next"}""");
        Assert.Equal(ErrorCodes.NotThisVillage, astray.GetProperty("error").GetProperty("code").GetString());

        // Each counter calls its own: the township counter the later township ticket, the village's 代办员 the village one.
        Assert.Equal(townTicket, (await Request(box, caller, "counter", """{"cmd":"next"}""")).GetProperty("ticketNo").GetString());
        Assert.Equal(villageTicket, (await Request(box, villageCaller, "counter", """{"cmd":"next","village":"v-other"}""")).GetProperty("ticketNo").GetString());
        Ok(await Request(box, caller, "counter", """{"cmd":"finish"}"""));
        Ok(await Request(box, villageCaller, "counter", """{"cmd":"finish"}"""));

        // The rating windows open after the finish has reached the evaluation service: the first tries may be early.
        await RateAsync(box, villageEvaluator, $$"""{"ticketNo":"{{villageTicket}}","level":5,"village":"v-other"}""");
        await RateAsync(box, evaluator, $$"""{"ticketNo":"{{townTicket}}","level":2,"reasons":["未说明"]}""");
        await rig.WaitUntilHubHasEverythingAsync(TimeSpan.FromMinutes(2));

        // The county admin lists the village point for the hall (audited), then reads the three levels of this month.
        using var http = rig.Hub.Stranger();
        http.DefaultRequestHeaders.Add("X-Hall-Hub", "1");
        var hub = rig.Hub.BaseUri;
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri(hub, "api/villages"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PutAsJsonAsync(new Uri(hub, "api/halls/dl-town/villages/v-dz"), new { name = "东庄村" })).StatusCode);
        (await http.PostAsJsonAsync(new Uri(hub, "api/login"), new { userId = "admin", password = rig.Hub.AdminPassword })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync(new Uri(hub, "api/halls/dl-town/villages/v-dz"), new { name = "东庄村便民服务代办点", items = new[] { "A-SB-001" } })).EnsureSuccessStatusCode();

        // The change is a county configuration version: the box applies it and knows the point as the county's.
        await Eventually.HoldsAsync(
            () => Task.FromResult(JsonDocument.Parse(rig.Hallctl("village", "list", "--data-dir", dir)).RootElement.EnumerateArray()
                .Any(p => p.GetProperty("id").GetString() == "v-dz" && p.GetProperty("items").EnumerateArray().Select(i => i.GetString()).SequenceEqual(["A-SB-001"]))),
            "the box applied the county's village points",
            60);
        var another = Enroll(rig, "--role", "evaluator", "--id", "eval-dz-2", "--counter", "V1", "--village", "v-dz", "--data-dir", dir);
        Assert.Equal("v-dz", another.Village);
        var badId = await http.PutAsJsonAsync(new Uri(hub, "api/halls/dl-town/villages/V%20DZ"), new { name = "东庄村" });
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PutAsJsonAsync(new Uri(hub, "api/halls/nowhere/villages/v-dz"), new { name = "东庄村" })).StatusCode);

        var month = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var levels = JsonDocument.Parse(await http.GetStringAsync(new Uri(hub, "api/villages?month=" + month))).RootElement;
        var hall = levels.GetProperty("halls").EnumerateArray().Single(h => h.GetProperty("boxId").GetString() == "dl-town");
        var village = Assert.Single(hall.GetProperty("villages").EnumerateArray());
        Assert.Equal("v-dz", village.GetProperty("villageId").GetString());
        Assert.Equal("东庄村便民服务代办点", village.GetProperty("name").GetString());
        Assert.True(village.GetProperty("listed").GetBoolean());
        var v = village.GetProperty("figures");
        Assert.Equal((1, 1, 1, 100.0), (v.GetProperty("issued").GetInt32(), v.GetProperty("served").GetInt32(), v.GetProperty("level5").GetInt32(), v.GetProperty("satisfactionPercent").GetDouble()));
        var own = hall.GetProperty("township");
        Assert.Equal((1, 1, 1, 0.0), (own.GetProperty("issued").GetInt32(), own.GetProperty("served").GetInt32(), own.GetProperty("level2").GetInt32(), own.GetProperty("satisfactionPercent").GetDouble()));
        Assert.Equal(2, hall.GetProperty("hall").GetProperty("issued").GetInt32());
        Assert.Equal(2, levels.GetProperty("county").GetProperty("served").GetInt32());

        // No fact anywhere at the hub names the village the devices claimed.
        Assert.Equal(0, await rig.Hub.ScalarAsync("SELECT COUNT(*) FROM tickets WHERE village_id = 'v-other'") + await rig.Hub.ScalarAsync("SELECT COUNT(*) FROM ratings WHERE village_id = 'v-other'"));
        Assert.Equal(1, await rig.Hub.ScalarAsync("SELECT COUNT(*) FROM ratings WHERE village_id = 'v-dz' AND level = 5"));

        // A township user of another hall may neither read this hall's points nor change them.
        var otherKeyDir = Path.Combine(rig.Hub.DataDirectory, "xh-box");
        var otherKey = JsonDocument.Parse(rig.Hallctl("box", "key", "--data-dir", otherKeyDir)).RootElement.GetProperty("publicKey").GetString()!;
        rig.Hallctl(["hub", "enroll", "--box", "xh-town", "--public-key", otherKey, .. rig.Hub.StoreArgs]);
        var added = await http.PostAsJsonAsync(new Uri(hub, "api/users"), new { userId = "xh", name = "西河乡查看", role = "township", boxId = "xh-town", password = "Township-pass-2026" });
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        using var township = rig.Hub.Stranger();
        township.DefaultRequestHeaders.Add("X-Hall-Hub", "1");
        (await township.PostAsJsonAsync(new Uri(hub, "api/login"), new { userId = "xh", password = "Township-pass-2026" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await township.GetAsync(new Uri(hub, "api/halls/dl-town/villages"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PutAsJsonAsync(new Uri(hub, "api/halls/dl-town/villages/v-dz"), new { name = "东庄村" })).StatusCode);
        var theirs = JsonDocument.Parse(await township.GetStringAsync(new Uri(hub, "api/villages?box=dl-town"))).RootElement;
        Assert.Equal(["xh-town"], theirs.GetProperty("halls").EnumerateArray().Select(h => h.GetProperty("boxId").GetString()));
        Assert.Equal(JsonValueKind.Null, theirs.TryGetProperty("county", out var county) ? county.ValueKind : JsonValueKind.Null);

        await ThePageShowsTheThreeLevelsAndTheAdminAddsAPointAsync(rig);
    }

    /// <summary>The /villages page in Chromium at the county staff's desk sizes, as the county admin.</summary>
    private static async Task ThePageShowsTheThreeLevelsAndTheAdminAddsAPointAsync(UplinkRig rig)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright, rig.Box.ChromiumTrustArgument);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { IgnoreHTTPSErrors = true, ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        await page.GotoAsync(new Uri(rig.Hub.BaseUri, "login?next=/villages").ToString());
        await page.FillAsync("#user-id", "admin");
        await page.FillAsync("#password", rig.Hub.AdminPassword);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync("**/villages", new PageWaitForURLOptions { Timeout = 15_000 });

        var village = page.Locator("#v-levels tr[data-key='dl-town/v-dz']");
        await Expect(village).ToContainTextAsync("东庄村便民服务代办点", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
        await Expect(village).ToContainTextAsync("100.00%");
        await Expect(page.Locator("#v-levels tr[data-key='dl-town/']")).ToContainTextAsync("本中心");
        await Expect(page.Locator("#v-levels tr[data-key='dl-town/'] td").Nth(7)).ToHaveTextAsync("0.00%");
        await Expect(page.Locator("#v-levels tr[data-key='county'] td").Nth(4)).ToHaveTextAsync("2");
        await Expect(page.Locator(".hub-nav a.current")).ToHaveTextAsync("村级代办点");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-villages-1920.png"), FullPage = true });

        // The admin adds a second point for the hall; it is listed, and the three levels show it (no figures yet).
        await page.SelectOptionAsync("#m-box", "dl-town");
        await page.FillAsync("#m-id", "v-xz");
        await page.FillAsync("#m-name", "小张庄村代办点");
        await page.FillAsync("#m-items", "A-SB-001");
        await page.ClickAsync("#m-save");
        await Expect(page.Locator("#m-message")).ToHaveTextAsync("已保存 小张庄村代办点");
        await Expect(page.Locator("#m-points")).ToContainTextAsync("小张庄村代办点");
        await Expect(page.Locator("#v-levels tr[data-key='dl-town/v-xz']")).ToContainTextAsync("无评价");

        // An item the county's catalogue lacks: the county's own message, nothing saved.
        await page.FillAsync("#m-id", "v-bad");
        await page.FillAsync("#m-name", "错误事项代办点");
        await page.FillAsync("#m-items", "NO-SUCH");
        await page.ClickAsync("#m-save");
        await Expect(page.Locator("#m-message")).ToContainTextAsync("NO-SUCH 不在事项目录中");
        await Expect(page.Locator("#m-points")).Not.ToContainTextAsync("错误事项代办点");

        await page.SetViewportSizeAsync(1366, 768);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-villages-1366.png"), FullPage = true });

        // The box's console: each device with its village point by the county's name, and a device enrolled under one.
        var console = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        await console.GotoAsync(new Uri(rig.Box.HttpsUri, "admin").ToString());
        await console.FillAsync("#staffId", "admin");
        await console.FillAsync("#password", BoxAdminPassword);
        await console.ClickAsync("#login button[type=submit]");
        await Expect(console.Locator("#me")).ToContainTextAsync("管理员", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
        await console.ClickAsync("button[data-tab=devices]");
        await Expect(console.Locator("#devices tr", new PageLocatorOptions { HasText = "kiosk-dz" })).ToContainTextAsync("东庄村便民服务代办点");
        await Expect(console.Locator("#devices tr", new PageLocatorOptions { HasText = "kiosk-1" })).ToContainTextAsync("本中心");
        await console.SelectOptionAsync("#device-add select[name=role]", "kiosk");
        await console.FillAsync("#device-add input[name=deviceId]", "kiosk-dz-2");
        await console.SelectOptionAsync("#device-village", "v-dz");
        await console.ClickAsync("#device-add button[type=submit]");
        await Expect(console.Locator("#cred-user")).ToHaveTextAsync("kiosk-dz-2");
        await Expect(console.Locator("#devices tr", new PageLocatorOptions { HasText = "kiosk-dz-2" })).ToContainTextAsync("东庄村便民服务代办点");
        await console.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("box-devices-villages-1366.png"), FullPage = true });
    }

    private static string Shot(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }

    private static DeviceCredentials Enroll(UplinkRig rig, params string[] args) =>
        HallJson.Deserialize<DeviceCredentials>(rig.Hallctl(["device", "enroll", .. args]))!;

    private static (int Code, string Error) Fails(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = new Cli(output, error, TimeProvider.System).Run(args);
        return (code, error.ToString());
    }

    private static Task<JsonElement> Request(BoxProcess box, DeviceCredentials who, string name, string json)
    {
        var inner = json.Trim()[1..^1].Trim();
        var payload = $"{{\"requestId\":\"{Guid.NewGuid():N}\",\"ts\":\"{DateTimeOffset.Now:O}\"" + (inner.Length > 0 ? "," + inner : string.Empty) + "}";
        return MosquittoClient.RequestAsync(box, who, name, payload);
    }

    /// <summary>Rates once the service's window is open (the finish reaches the evaluation service just after its reply).</summary>
    private static Task RateAsync(BoxProcess box, DeviceCredentials evaluator, string json) =>
        Eventually.HoldsAsync(
            async () =>
            {
                var reply = await Request(box, evaluator, "rating", json);
                return !reply.TryGetProperty("error", out var error) || error.GetProperty("code").GetString() == ErrorCodes.AlreadyRated;
            },
            "the evaluator's rating accepted",
            30);

    private static void Ok(JsonElement reply) => Assert.False(reply.TryGetProperty("error", out var error), error.ToString());
}
