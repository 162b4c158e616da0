using System.Net;
using System.Text.Json;
using Hall.Contract;
using Hall.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hall.Display.Tests;

/// <summary>The display's endpoints in a real Kestrel on loopback, wired with <c>AddDisplay</c> as the box does.</summary>
public sealed class DisplayEndpointsTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Box:DataDirectory"] = _temp.Path });
        builder.AddStore(_temp.Combine("hall.db"));
        builder.Services.AddSingleton(new HallClock(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        // The broker is not the display's part; this publisher forwards to the live feed as the box's does.
        builder.Services.AddSingleton<IHallPublisher>(sp => new RecordingPublisher(sp.GetRequiredService<LiveFeed>()));
        builder.AddDisplay();
        _app = builder.Build();
        Migrator.Apply(_app.Services.GetRequiredService<HallDatabase>(), _app.Services.GetServices<IMigrationSource>().SelectMany(s => s.Migrations), DisplayHarness.Morning);
        _app.MapDisplay();
        _app.MapKioskPage();
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task The_live_feed_streams_a_call_and_its_audio_is_served_as_wav()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await _http.GetAsync(new Uri("/live?topics=display/", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        await WaitForSubscriberAsync(timeout.Token);
        var display = _app.Services.GetRequiredService<DisplayService>();
        await display.HandleAsync(DisplayHarness.Called("A012", "3"), timeout.Token);

        var call = await NextEventAsync(events, "hall/h1/display/call", timeout.Token);
        var payload = call.GetProperty("payload");
        Assert.Equal("A012", payload.GetProperty("ticketNo").GetString());
        Assert.Equal("请A012号到3号窗口办理", payload.GetProperty("announcement").GetString());
        var board = await NextEventAsync(events, "hall/h1/display/board", timeout.Token);
        Assert.True(board.GetProperty("retain").GetBoolean());

        using var audio = await _http.GetAsync(new Uri(payload.GetProperty("audioUrl").GetString()!, UriKind.Relative), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.Equal("audio/wav", audio.Content.Headers.ContentType?.MediaType);
        var wav = await audio.Content.ReadAsByteArrayAsync(timeout.Token);
        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        Assert.True(wav.Length > 22_050, $"Only {wav.Length} bytes of audio.");
    }

    [Fact]
    public async Task A_page_opened_after_a_call_sees_the_board_at_once()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var display = _app.Services.GetRequiredService<DisplayService>();
        await display.HandleAsync(DisplayHarness.Called("B003", "zh", counterName: "综合窗口"), timeout.Token);

        using var response = await _http.GetAsync(new Uri("/live", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var board = await NextEventAsync(events, "hall/h1/display/board", timeout.Token);
        var recent = board.GetProperty("payload").GetProperty("recentCalls")[0];
        Assert.Equal("B003", recent.GetProperty("ticketNo").GetString());
        Assert.Equal("综合窗口", recent.GetProperty("counterName").GetString());
    }

    [Fact]
    public async Task Audio_for_a_key_the_box_never_announced_is_not_found()
    {
        using var unknown = await _http.GetAsync(new Uri($"/audio/{new string('0', 64)}.wav", UriKind.Relative));
        using var malformed = await _http.GetAsync(new Uri("/audio/..%2Fhall.db.wav", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    [Theory]
    [InlineData("/display/hall", "id=\"current-ticket\"")]
    [InlineData("/display/hall", "id=\"recent-calls\"")]
    [InlineData("/display/counter/3", "id=\"counter-ticket\"")]
    [InlineData("/kiosk", "id=\"ticket-no\"")]
    public async Task Pages_are_served_as_chinese_html_with_no_outside_resources(string path, string element)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains(element, html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    private async Task WaitForSubscriberAsync(CancellationToken cancellationToken)
    {
        // The response headers are sent before the subscription is registered; poll briefly for it.
        var feed = _app.Services.GetRequiredService<LiveFeed>();
        while (feed.Subscribers == 0)
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    private static async Task<JsonElement> NextEventAsync(StreamReader events, string topic, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await events.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("The live feed closed.");
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            var message = JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            if (message.GetProperty("topic").GetString() == topic)
            {
                return message;
            }
        }
    }
}
