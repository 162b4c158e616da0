using System.Net;
using Hall.CountyHub.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Hall.CountyHub.IntegrationTests;

/// <summary>
/// Every route of the hub decides who may use it, and a stranger gets nothing: each route is read from the hub's own
/// endpoint list (so a route added later is checked too) and asked for by a client holding no session.
/// </summary>
public sealed class StrangerTests : IClassFixture<CountyRig>
{
    private readonly CountyRig _county;

    public StrangerTests(CountyRig county)
    {
        _county = county;
    }

    [Fact]
    public async Task A_stranger_gets_the_sign_in_page_or_401_from_every_route_that_names_roles()
    {
        var routes = Routes();
        Assert.Contains(routes, r => r.Pattern == "/api/overview");
        Assert.All(routes, r => Assert.True(r.Rule is not null || r.Pattern.StartsWith("/sync/", StringComparison.Ordinal), $"{r.Pattern} has no access rule"));

        using var stranger = _county.Client();
        foreach (var (pattern, methods, rule) in routes.Where(r => r.Rule?.Roles is not null))
        {
            // Every route parameter filled with a value of its kind, so each route is reached, whatever is added later.
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\}", m => m.Groups[1].Value switch
            {
                "userId" => "admin",
                "boxId" => "east-town",
                "villageId" => "v-dz",
                _ when m.Groups[2].Value is ":long" or ":int" => "1",
                _ => "x",
            });
            foreach (var method in methods)
            {
                using var response = await CountyRig.SendAsync(stranger, new HttpMethod(method), path, method == "GET" ? null : new { });
                if (method == "GET" && !path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                    Assert.StartsWith("/login?next=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {response.StatusCode}");
                    Assert.Equal("hub-sign-in-required", (await CountyRig.JsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
                }
            }
        }
    }

    [Fact]
    public async Task A_stranger_learns_only_that_the_hub_is_up_and_a_monitor_needs_its_token()
    {
        using var stranger = _county.Client();
        var health = await stranger.GetStringAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Contains("\"ok\":true", health, StringComparison.Ordinal);
        Assert.DoesNotContain("east-town", health, StringComparison.Ordinal);
        using (var metrics = await stranger.GetAsync(new Uri("/metrics", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, metrics.StatusCode);
        }

        using var monitor = _county.Hub.Client();
        Assert.Contains("east-town", await monitor.GetStringAsync(new Uri(_county.Hub.BaseUri, "healthz")), StringComparison.Ordinal);
        Assert.Contains("hub_box_mark{box=\"east-town\"", await monitor.GetStringAsync(new Uri(_county.Hub.BaseUri, "metrics")), StringComparison.Ordinal);

        // A signed-in supervisor reads the full health, not the metrics (county admins and monitors only).
        using var supervisor = await _county.SignInAsync("zhao.duban", CountyRig.SupervisorPassword);
        Assert.Contains("east-town", await supervisor.GetStringAsync(new Uri("/healthz", UriKind.Relative)), StringComparison.Ordinal);
        using var refused = await supervisor.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_change_from_another_site_is_refused_even_with_a_valid_session()
    {
        using var admin = await _county.SignInAsync("admin", _county.Hub.AdminPassword);
        using var foreign = await CountyRig.SendAsync(admin, HttpMethod.Post, "/api/users", new { userId = "csrf", name = "跨站", role = "county-admin", password = "cross-site-2026" }, pageHeader: false);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("hub-cross-site", (await CountyRig.JsonAsync(foreign)).GetProperty("error").GetProperty("code").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/users", UriKind.Relative))
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { userId = "csrf", name = "跨站", role = "county-admin", password = "cross-site-2026" }),
        };
        request.Headers.Add("X-Hall-Hub", "1");
        request.Headers.Add("Origin", "https://evil.example");
        using var evil = await admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, evil.StatusCode);
        Assert.DoesNotContain("csrf", await admin.GetStringAsync(new Uri("/api/users", UriKind.Relative)), StringComparison.Ordinal);
    }

    /// <summary>The hub's endpoints as its own composition builds them (nothing started), with their methods and rules.</summary>
    private static List<(string Pattern, string[] Methods, HubAccessRule? Rule)> Routes()
    {
        var directory = Path.Combine(Path.GetTempPath(), "hall-routes-" + Guid.NewGuid().ToString("N")[..8]);
        var builder = WebApplication.CreateBuilder([$"--Hub:DataDirectory={directory}"]);
        builder.AddHub();
        var app = builder.Build();
        Hall.CountyHub.Web.HubEndpoints.MapHub(app);
        return [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().Select(e => (
            "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'),
            e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods.ToArray() ?? ["GET"],
            e.Metadata.GetMetadata<HubAccessRule>()))];
    }
}
