using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hall.Assessment.Tests;

/// <summary>The admin API, CSV and report over HTTP, on 127.0.0.1 port 0 (the policy here lets everyone in; the box uses the admin page's).</summary>
public sealed class EndpointTests : IAsyncLifetime
{
    private readonly AssessmentHall _hall = new(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.FromHours(8)));
    private WebApplication? _app;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await HandComputedDay.WriteAsync(_hall);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(_hall.Service);
        builder.Services.AddAuthorizationBuilder().AddPolicy("test", policy => policy.RequireAssertion(_ => true));
        _app = builder.Build();
        _app.MapAssessment("test");
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await _hall.DisposeAsync();
    }

    [Fact]
    public async Task The_day_table_comes_as_json_rows_per_counter_and_staff_member()
    {
        using var response = await _client.GetAsync(new Uri("/admin/api/assessment?period=day&date=2026-11-23", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("2026-11-23", root.GetProperty("label").GetString());
        Assert.Equal(2, root.GetProperty("counters").GetArrayLength());
        Assert.Equal(3, root.GetProperty("staff").GetArrayLength());
        Assert.Equal(75, root.GetProperty("counters")[0].GetProperty("satisfactionPercent").GetDouble());
    }

    [Fact]
    public async Task A_wrong_period_is_refused_with_a_clear_message()
    {
        using var response = await _client.GetAsync(new Uri("/admin/api/assessment?period=week", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(ErrorCodes.InvalidField, error.GetProperty("code").GetString());
        Assert.Contains("day", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_and_the_monthly_report_download()
    {
        using var csv = await _client.GetAsync(new Uri("/admin/api/assessment/export.csv?month=2026-11", UriKind.Relative));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("window-assessment-2026-11.csv", csv.Content.Headers.ContentDisposition!.FileName);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);

        using var report = await _client.GetAsync(new Uri("/admin/report/monthly?month=2026-11", UriKind.Relative));
        Assert.Equal("text/html", report.Content.Headers.ContentType!.MediaType);
        Assert.Contains("2026年11月窗口服务月度通报", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var bad = await _client.GetAsync(new Uri("/admin/report/monthly?month=11-2026", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
