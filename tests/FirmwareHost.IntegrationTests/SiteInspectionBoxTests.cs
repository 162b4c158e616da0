using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hall.Contract;
using Hall.SiteInspection.Evidence;
using Hall.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// 云踏勘 through a running box, as staff and an applicant's phone do it: an application opened on the admin API, a
/// watermarked inspection video (made here with ffmpeg and a CJK font: a continuous pan from the applicant's face at
/// the shopfront to the inside) uploaded in chunks with a cut connection in the middle, checked in the hall, and a
/// signed evidence pack in the outbox. Bad uploads are refused with reasons.
/// </summary>
public sealed class SiteInspectionBoxTests : IAsyncLifetime
{
    private const string AdminPassword = "Tancha-2026-hall";
    private const string Address = "广东省韶关市乐昌市坪石镇人民路18号";
    private const string Font = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

    private static readonly LocatorAssertionsToContainTextOptions Within = new() { Timeout = 15_000 };
    private readonly BoxProcess _box = new("insp");
    private readonly string _videos = Path.Combine(Path.GetTempPath(), "hall-insp-" + Guid.NewGuid().ToString("N")[..12]);
    private HttpClient _admin = null!;
    private HttpClient _phone = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_videos);
        await _box.StartAsync($"--Staff:BootstrapAdminPassword={AdminPassword}", $"--SiteInspection:ModelDirectory={Models.Directory}");
        _admin = new HttpClient(_box.TrustBox(new HttpClientHandler { CookieContainer = new CookieContainer() })) { BaseAddress = _box.HttpsUri };
        _phone = new HttpClient { BaseAddress = _box.BaseUri };
        using var login = await AdminAsync(HttpMethod.Post, "/admin/api/login", new { staffId = "admin", password = AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        _phone.Dispose();
        await _box.DisposeAsync();
        Directory.Delete(_videos, recursive: true);
    }

    [Fact]
    public async Task A_watermarked_video_uploaded_over_a_broken_link_is_checked_in_the_hall_and_its_signed_verdict_goes_upward()
    {
        var (id, link) = await OpenApplicationAsync();
        using (var page = await _phone.GetAsync(new Uri(link).PathAndQuery))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("云踏勘", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var video = await MakeVideoAsync("shop.mp4");
        var bytes = await File.ReadAllBytesAsync(video);
        var key = new Uri(link).Query;
        var created = await JsonAsync(await _phone.PostAsJsonAsync($"/api/inspect/{id}/uploads{key}", new { fileName = "VID_20261123.mp4", contentType = "video/mp4", size = bytes.Length, marks = new { exterior = 2, interior = 28 } }));
        var uploadId = created.GetProperty("uploadId").GetString()!;

        // Half the file, then the Wi-Fi drops mid-chunk: the phone asks how much arrived and goes on from there.
        var half = bytes.Length / 2;
        await PatchAsync(id, uploadId, key, bytes, 0, half);
        using (var wrong = await SendChunkAsync(id, uploadId, key, bytes, 0, 1000))
        {
            Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
            Assert.Equal(half, (await JsonAsync(wrong)).GetProperty("error").GetProperty("currentOffset").GetInt64());
        }

        using (var head = await _phone.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/inspect/{id}/uploads/{uploadId}{key}")))
        {
            Assert.Equal(half.ToString(System.Globalization.CultureInfo.InvariantCulture), head.Headers.GetValues("Upload-Offset").Single());
        }

        var done = await PatchAsync(id, uploadId, key, bytes, half, bytes.Length - half);
        Assert.Equal("complete", done.GetProperty("state").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), done.GetProperty("sha256").GetString());

        var verdict = await VerdictAsync(id, key);
        var results = verdict.GetProperty("verdict").GetProperty("results").EnumerateArray().ToList();
        string Reason(string check) => string.Join(" | ", results.Where(r => r.GetProperty("check").GetString() == check).Select(r => r.GetProperty("reason").GetString()));
        bool Passed(string check) => results.Where(r => r.GetProperty("check").GetString() == check).All(r => r.GetProperty("passed").GetBoolean());
        Assert.True(Passed("watermark"), Reason("watermark"));
        Assert.Contains("2026-11-23 10:15:0", Reason("watermark"), StringComparison.Ordinal);
        Assert.Contains(Address, Reason("watermark"), StringComparison.Ordinal);
        Assert.True(Passed("watermark-clock"), Reason("watermark-clock"));
        Assert.True(Passed("checkpoint"), Reason("checkpoint"));
        Assert.True(verdict.GetProperty("verdict").GetProperty("passed").GetBoolean(), string.Join(" | ", results.Select(r => r.GetProperty("reason").GetString())));

        // Upward: the signed pack, with the video's hash and the key frames, never the video.
        var pack = OutboxPacks().Single();
        Assert.True(pack.Verify());
        var body = JsonDocument.Parse(pack.Pack).RootElement;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), body.GetProperty("videoSha256").GetString());
        Assert.Equal(2, body.GetProperty("keyFrames").GetArrayLength());
        Assert.True(pack.Pack.Length < 200_000);
    }

    [Fact]
    public async Task An_empty_upload_a_renamed_text_file_and_a_truncated_video_are_refused_with_reasons()
    {
        var (id, link) = await OpenApplicationAsync();
        var key = new Uri(link).Query;

        using (var empty = await _phone.PostAsJsonAsync($"/api/inspect/{id}/uploads{key}", new { fileName = "a.mp4", contentType = "video/mp4", size = 0, marks = new { } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Equal(ErrorCodes.UploadEmpty, (await JsonAsync(empty)).GetProperty("error").GetProperty("code").GetString());
        }

        var text = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("这不是视频,是一份改了扩展名的文本文件。\n", 200)));
        var renamed = await JsonAsync(await _phone.PostAsJsonAsync($"/api/inspect/{id}/uploads{key}", new { fileName = "video.mp4", contentType = "video/mp4", size = text.Length, marks = new { } }));
        using (var refused = await SendChunkAsync(id, renamed.GetProperty("uploadId").GetString()!, key, text, 0, text.Length))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
            var error = (await JsonAsync(refused)).GetProperty("error");
            Assert.Equal(ErrorCodes.UploadNotVideo, error.GetProperty("code").GetString());
            Assert.Contains("文本", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        // A video cut in half (the phone's file was not finished) is received, and fails its check with a reason.
        var whole = await File.ReadAllBytesAsync(await MakeVideoAsync("cut.mp4", seconds: 8));
        var cut = whole[..(whole.Length / 2)];
        var upload = await JsonAsync(await _phone.PostAsJsonAsync($"/api/inspect/{id}/uploads{key}", new { fileName = "cut.mp4", contentType = "video/mp4", size = cut.Length, marks = new { exterior = 2 } }));
        await PatchAsync(id, upload.GetProperty("uploadId").GetString()!, key, cut, 0, cut.Length);
        var verdict = await VerdictAsync(id, key);
        Assert.False(verdict.GetProperty("verdict").GetProperty("passed").GetBoolean());
        var probe = verdict.GetProperty("verdict").GetProperty("results").EnumerateArray().First(r => r.GetProperty("check").GetString() == "probe");
        Assert.False(probe.GetProperty("passed").GetBoolean());
        Assert.Contains("损坏", probe.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(_box.HasExited);
    }

    [Fact]
    public async Task Staff_open_an_application_on_the_console_and_see_the_check_and_its_verdict_and_keep_the_video()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright, _box.ChromiumTrustArgument);
        // Staff whose browser is set to another zone still enter and see the hall's times.
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { TimezoneId = "America/New_York" });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(_box.HttpsUri, "admin").ToString());
        await page.FillAsync("#staffId", "admin");
        await page.FillAsync("#password", AdminPassword);
        await page.ClickAsync("#login button[type=submit]");
        await Expect(page.Locator("#me")).ToContainTextAsync("管理员", Within);

        await page.ClickAsync("button[data-tab=inspections]");
        await Expect(page.Locator("#in-list")).ToContainTextAsync("还没有云踏勘申请", Within);
        await page.SelectOptionAsync("#in-item", "B-SC-001");
        await Expect(page.Locator("#in-rule")).ToContainTextAsync("经营场所外景及门头", Within);

        // A window that ends before it starts is refused with the box's reason, and nothing is opened.
        await page.FillAsync("#in-form [name=applicant]", "李四");
        await page.FillAsync("#in-form [name=address]", Address);
        await page.FillAsync("#in-form [name=windowFrom]", "2026-11-25T18:00");
        await page.FillAsync("#in-form [name=windowTo]", "2026-11-23T08:00");
        await page.ClickAsync("#in-form button[type=submit]");
        await Expect(page.Locator("#message")).ToContainTextAsync("结束时间须晚于开始时间", Within);
        await Expect(page.Locator("#in-list")).ToContainTextAsync("还没有云踏勘申请");

        await page.FillAsync("#in-form [name=windowFrom]", "2026-11-23T08:00");
        await page.FillAsync("#in-form [name=windowTo]", "2026-11-25T18:00");
        await page.ClickAsync("#in-form button[type=submit]");
        await Expect(page.Locator("#message")).ToContainTextAsync("申请已开立", Within);
        var link = (await page.Locator("#in-link-text").TextContentAsync())!;
        Assert.Contains("/inspect/T-", link, StringComparison.Ordinal);
        var row = page.Locator("#in-list tr[data-application]");
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(row).ToContainTextAsync("等待申请人上传", Within);

        // The applicant films and uploads from the link; the console follows the check to its verdict by itself.
        var uri = new Uri(link);
        var id = uri.AbsolutePath.Split('/')[^1];
        var bytes = await File.ReadAllBytesAsync(await MakeVideoAsync("console.mp4"));
        var created = await JsonAsync(await _phone.PostAsJsonAsync($"/api/inspect/{id}/uploads{uri.Query}", new { fileName = "VID.mp4", contentType = "video/mp4", size = bytes.Length, marks = new { exterior = 2, interior = 28 } }));
        await PatchAsync(id, created.GetProperty("uploadId").GetString()!, uri.Query, bytes, 0, bytes.Length);
        // Entered in the hall's time (UTC+8), whatever the browser's zone: the watermark's 10:15 on 23 November is inside.
        await Expect(row).ToContainTextAsync("2026-11-23 08:00 – 2026-11-25 18:00", Within);
        await Expect(row.Locator(".verdict .passed")).ToContainTextAsync("通过", new() { Timeout = 150_000 });
        await Expect(row.Locator(".progress")).ToContainTextAsync("已完成");

        await row.Locator("button[data-in-hold]").ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("视频已保留", Within);
        await Expect(row).ToContainTextAsync("视频已保留", Within);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Another_applications_link_cannot_write_to_or_cancel_an_upload_and_changes_nothing()
    {
        var (mine, myLink) = await OpenApplicationAsync();
        var (other, otherLink) = await OpenApplicationAsync();
        var myKey = new Uri(myLink).Query;
        var otherKey = new Uri(otherLink).Query;
        var upload = await JsonAsync(await _phone.PostAsJsonAsync($"/api/inspect/{mine}/uploads{myKey}", new { fileName = "VID.mp4", contentType = "video/mp4", size = 4096, marks = new { exterior = 2 } }));
        var uploadId = upload.GetProperty("uploadId").GetString()!;

        // The other application's own link, with this upload's id: refused before anything is written or deleted.
        using (var written = await SendChunkAsync(other, uploadId, otherKey, new byte[1024], 0, 1024))
        {
            Assert.Equal(HttpStatusCode.NotFound, written.StatusCode);
            Assert.Equal(ErrorCodes.UnknownUpload, (await JsonAsync(written)).GetProperty("error").GetProperty("code").GetString());
        }

        using (var cancelled = await _phone.DeleteAsync(new Uri($"/api/inspect/{other}/uploads/{uploadId}{otherKey}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, cancelled.StatusCode);
            Assert.Equal(ErrorCodes.UnknownUpload, (await JsonAsync(cancelled)).GetProperty("error").GetProperty("code").GetString());
        }

        using var status = await _phone.GetAsync(new Uri($"/api/inspect/{mine}/uploads/{uploadId}{myKey}", UriKind.Relative));
        var kept = await JsonAsync(status);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(0, kept.GetProperty("offset").GetInt64());
        Assert.Equal("receiving", kept.GetProperty("state").GetString());
    }

    private async Task<(string Id, string Link)> OpenApplicationAsync()
    {
        var now = DateTimeOffset.UtcNow;
        using var response = await AdminAsync(HttpMethod.Post, "/admin/api/inspections", new
        {
            itemCode = "B-SC-001",
            applicant = "李四",
            address = Address,
            windowFrom = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(8)),
            windowTo = new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.FromHours(8)),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await JsonAsync(response);
        _ = now;
        return (body.GetProperty("application").GetProperty("id").GetString()!, body.GetProperty("link").GetString()!);
    }

    private async Task<JsonElement> VerdictAsync(string id, string key)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        while (true)
        {
            var view = await JsonAsync(await _phone.GetAsync(new Uri($"/api/inspect/{id}{key}", UriKind.Relative), limit.Token));
            var failedJob = view.GetProperty("jobs").EnumerateArray().FirstOrDefault(j => j.GetProperty("state").GetString() == "failed");
            Assert.True(failedJob.ValueKind == JsonValueKind.Undefined, $"the check failed: {failedJob}\n{_box.Log}");
            var verdicts = view.GetProperty("verdicts");
            if (verdicts.GetArrayLength() > 0)
            {
                return verdicts[verdicts.GetArrayLength() - 1];
            }

            await Task.Delay(500, limit.Token);
        }
    }

    private List<SignedPack> OutboxPacks()
    {
        using var connection = _box.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM outbox WHERE type = 'InspectionVerdict'";
        using var reader = command.ExecuteReader();
        var packs = new List<SignedPack>();
        while (reader.Read())
        {
            packs.Add(HallJson.Deserialize<SignedPack>(reader.GetString(0))!);
        }

        return packs;
    }

    private async Task<JsonElement> PatchAsync(string id, string uploadId, string key, byte[] bytes, int from, int count)
    {
        JsonElement last = default;
        for (var offset = from; offset < from + count; offset += 1 << 20)
        {
            using var response = await SendChunkAsync(id, uploadId, key, bytes, offset, Math.Min(1 << 20, from + count - offset));
            last = await JsonAsync(response);
            Assert.True(response.IsSuccessStatusCode, last.ToString());
        }

        return last;
    }

    private Task<HttpResponseMessage> SendChunkAsync(string id, string uploadId, string key, byte[] bytes, int offset, int count)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/inspect/{id}/uploads/{uploadId}{key}") { Content = new ByteArrayContent(bytes, offset, count) };
        request.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/offset+octet-stream");
        return _phone.SendAsync(request);
    }

    private async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Hall-Admin", "1");
        return await _admin.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }

    /// <summary>
    /// One continuous take, as a phone films it: a slow pan down the photo, from the face (the applicant at the
    /// shopfront) to the suit and flag (the inside), with the watermark app's clock (10:15:00 on, one second per
    /// second) and the address burned in at the bottom left.
    /// </summary>
    private async Task<string> MakeVideoAsync(string name, int seconds = 36)
    {
        var path = Path.Combine(_videos, name);
        var watermark =
            $"drawtext=fontfile={Font}:fontsize=34:fontcolor=white:borderw=2:bordercolor=black:x=28:y=h-110:text='%{{pts\\:gmtime\\:1795428900\\:%Y-%m-%d %H\\\\\\:%M\\\\\\:%S}}'," +
            $"drawtext=fontfile={Font}:fontsize=34:fontcolor=white:borderw=2:bordercolor=black:x=28:y=h-60:text='{Address}'";
        var info = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-loop", "1", "-framerate", "30", "-i", Models.AstronautPhoto,
                     "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-vf", $"scale=1440:1440,crop=1280:720:x='80+2*t':y='min(700\\,20*t)',{watermark},format=yuv420p",
                     "-c:v", "libx264", "-preset", "veryfast", "-g", "60", path,
                 })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
        return path;
    }
}
