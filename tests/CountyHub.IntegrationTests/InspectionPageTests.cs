using System.Net;
using System.Net.Http.Headers;
using Hall.Contract.Uplink;
using Hall.CountyHub.Ingest;
using Hall.CountyHub.Storage;
using Hall.CountyHub.Tests;
using Hall.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hall.CountyHub.IntegrationTests;

/// <summary>
/// The 云踏勘 page in Chromium: a box's signed batch over HTTPS carries two verdicts, one whose evidence pack the box
/// signed with its enrolled key and one signed by another key; the page says 已验签 and 验签失败 and shows the pack.
/// </summary>
public sealed class InspectionPageTests
{
    [Fact]
    public async Task Each_verdict_shows_whether_the_hub_verified_its_signature_and_its_evidence_pack()
    {
        await using var hub = new HubProcess();
        using var box = new TestBox("south-town") { Clock = DateTimeOffset.UtcNow };
        using var forger = new TestBox("forger");
        using (var database = hub.OpenDatabase())
        {
            await HubMigrator.ApplyAsync(database, DateTimeOffset.UtcNow);
            await new BoxDirectory(database, TimeProvider.System).EnrollAsync(box.BoxId, box.Key.PublicKey, replace: false);
        }

        await hub.StartAsync();
        var at = box.Clock.AddMinutes(-5);
        var events = new[]
        {
            TestBox.Event(1, "InspectionVerdict", Verdict(box, "insp-1", passed: true, "[]", box), at),
            TestBox.Event(2, "InspectionVerdict", Verdict(box, "insp-2", passed: false, "[\"门头招牌\"]", forger), at.AddSeconds(1)),
        };
        using (var http = hub.Client())
        {
            using var sent = await http.SendAsync(Post(hub, box.Request(box.Batch(1, events))));
            Assert.True(sent.StatusCode == HttpStatusCode.OK, await sent.Content.ReadAsStringAsync());
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { IgnoreHTTPSErrors = true, ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        await page.GotoAsync(new Uri(hub.BaseUri, "inspections").ToString());
        await page.FillAsync("#user-id", "admin");
        await page.FillAsync("#password", hub.AdminPassword);
        await page.ClickAsync("#sign-in");

        var good = page.Locator("#inspections-table tr[data-inspection='insp-1']");
        await Expect(good.Locator("td.signature")).ToHaveTextAsync("已验签", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        await Expect(good.Locator("td.verdict")).ToHaveTextAsync("通过");
        var forged = page.Locator("#inspections-table tr[data-inspection='insp-2']");
        await Expect(forged.Locator("td.signature")).ToHaveTextAsync("验签失败");
        await Expect(forged.Locator("td.verdict")).ToHaveTextAsync("未通过");
        await Expect(forged.Locator("td.reasons")).ToHaveTextAsync("门头招牌");
        await Expect(forged.Locator("td.slot-video")).ToHaveAttributeAsync("data-inspection-id", "insp-2");

        await good.Locator("button.show-pack").ClickAsync();
        await Expect(page.Locator("#inspection-detail h2").First).ToContainTextAsync("已验签");
        await Expect(page.Locator("#inspection-detail")).ToContainTextAsync("门头照片清晰");
        await Expect(page.Locator("#inspection-detail img")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-inspections-1920.png"), FullPage = true });

        await page.SetViewportSizeAsync(1366, 768);
        await page.SelectOptionAsync("#filter-verdict", "failed");
        await Expect(page.Locator("#inspections-table tbody tr")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-inspections-1366.png"), FullPage = true });
    }

    /// <summary>A verdict event as the box's 云踏勘 writes it: the pack's JSON text and its signature by <paramref name="signer"/>'s key.</summary>
    private static object Verdict(TestBox box, string inspectionId, bool passed, string failed, TestBox signer)
    {
        // A 96×54 test-card JPEG (ffmpeg testsrc), small as the key frames a rule asks for.
        const string Jpeg =
            "/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAgyMjsyO0RERERERFFLUVRUVFFRUVFUVFRaWlpqampa"
            + "WlpUVFpaZGRqanN2c21tam12dn19fZaWj4+vr7XX1///xACYAAADAQEBAQEAAAAAAAAAAAAABgcIBQQCAwEAAgMBAQEAAAAAAAAA"
            + "AAAAAAcFBggDBAEQAAECBAQDBwQDAQAAAAAAAAABAoERQQMSIZEEUlEi0YKxYXExwaFCEzIjkkMzEQABAgMGAwUHAgcBAAAAAAAA"
            + "AgFBBANSQoHBkREhEjFRkmFxsXIiobLREzJDBWLhghTxM/A0/8AAEQgANgBgAwESAAISAAMSAP/aAAwDAQACEQMRAD8Az+AAADNa"
            + "rA9u3bidL0+SKXA9TtzOzDAlr2GZX01PtU6q+xm2834Nhv1Kbat/csO0cT10kRfAtRX56Z/SQ/t7fLv66CDd3d934u5NwLUBucBZ"
            + "u0iF2kSWREERF/M3ccgmbuOQsgSoC/A2KBgAC1ALN2kQu0iSyIgiIv5m7jkEzdxyFkCWAX4C5auYcl9vAWBk017cH6FfNFTst9xu"
            + "dDe+3Xa82bt6DgNG2qwOPtXYmr5SQYK4EUyuZLaGQJa9hmXxVJqVWozdFbKbw334a9PAfgPgHQDAAAAAVXZJm9fT5P12X3935JFD"
            + "cdzqiJS5lT8rJg776f5PHM3ccisgSoC/AmoFpA3WAs3aRC7SJLIiCIi/mbuOQTN3HIWQJUBfgbFAwABagFm7SIXaRJZEQREX8zdx"
            + "yCZu45CyBLAL8CdrhRXNmuJuKeSYelFVc5zosuk4qp/PdSa/7Z5TXpd5Szrl6F/5PElTVf8Ac/w/H+QvytbNy41bRWz0VO08e0/6"
            + "9x3i0ikRBERgTN3HIJm7jkXkCVAX4GACvse3iTVAKSpL9jgNtS02m1Y8OzXNyc5fSZVbdxnE3VBiofjt2iSUlXY+hniYQ7o5rL7P"
            + "wtR+HxHA/vdOPlxPadlVRaoaJM4tTXZVo5ksdy1JZ3bdt28SOD0rk5pqa3MwtSqWF91x+mY1UqlhXdcj92kSnYmp7qiRNaIiZxRT"
            + "XYVo43Jm7jkZ4emtuqFN5s5Cy+fkZxN1Q1GJdKFWVaOMcU/Iqy+jlJJy9ruS6GaDUyatO2jvMaCEklC7KtHGC7SJGLjHcLtFM3oi"
            + "a4TWp20d5vqW2Zu45HFvd68PPgUEkiMdwropl01i9WnbR3m+pRRyJWm0nVjtq5ytwqqqnKeWXkfCGfN37XHq9RFpOrD25EWU6MV5"
            + "LP2OUTZs6nO5JLVZ/AtYHL7NcsFE4iIyFuxGzLtulo8SdarTfotL+SmNGmavxXOB39VKWcFCmHXzotJ1YioHcBKAM1qsAtVgRS4A"
            + "uAwJa9hmEtewzKnZfnh0OZa/dI+BIUlceXQj6f5t/wBAp0/QZ0/dbZnb8vFn2ZsW9C4Tv/nX/T8zH2A6QLYAs3aRC7SJLIiCIi/m"
            + "buOQTN3HIWQJUBfgbFAwABagFm7SIXaRJZEQREX8zdxyCZu45CyBLAL8DhWWT6lp4nTsfqvr2DPpJ34khR/HEfU/XdLNTbduZt3f"
            + "w4ttjEqH7j/tT7DerlNtVgFqsD1rgC4Fflr2GYS17DMZgIkBgAf/2Q==";
        var pack = $$"""
            {"inspectionId":"{{inspectionId}}","applicationId":"SQ-2026-{{inspectionId}}","hallId":"{{box.BoxId}}","itemCode":"餐饮经营许可","ruleVersion":1,
             "videoSha256":"9f2c","videoBytes":1048576,"duration":"00:00:42","passed":{{(passed ? "true" : "false")}},
             "checks":[{"check":"checkpoint","passed":{{(passed ? "true" : "false")}},"reason":"门头照片清晰","checkpoint":"门头招牌"}],
             "failedCheckpoints":{{failed}},"keyFrames":[{"checkpoint":"门头招牌","at":"00:00:05","jpeg":"{{Jpeg}}","sha256":"ab"}],"checkedAt":"{{DateTimeOffset.UtcNow:O}}"}
            """;
        return new { pack, signature = signer.Key.Sign(pack), keyId = signer.Key.KeyId, algorithm = "ES256", publicKey = signer.Key.PublicKey };
    }

    private static HttpRequestMessage Post(HubProcess hub, IngestRequest request)
    {
        var content = new ByteArrayContent(request.Body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add(UplinkProtocol.ContentEncoding);
        var post = new HttpRequestMessage(HttpMethod.Post, new Uri(hub.BaseUri, UplinkProtocol.EventsPath)) { Content = content };
        post.Headers.Add(UplinkProtocol.BoxHeader, request.BoxId);
        post.Headers.Add(UplinkProtocol.NonceHeader, request.Nonce);
        post.Headers.Add(UplinkProtocol.SignatureHeader, request.Signature);
        return post;
    }

    private static string Shot(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }
}
