using System.Net;
using System.Text.RegularExpressions;
using Hall.FirmwareHost.Access;
using Hall.FirmwareHost.Box;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// Every route of the box declares who may use it, and a stranger on the hall LAN gets nothing from any route that is
/// not public: each route is read from the box's own endpoint list (so a route added later is checked too) and asked
/// for by a client holding no cookie at all.
/// </summary>
public sealed partial class RouteAudienceTests : IClassFixture<BoxFixture>
{
    private readonly BoxFixture _f;

    public RouteAudienceTests(BoxFixture fixture) => _f = fixture;

    [Fact]
    public void Every_route_declares_its_audience_and_staff_routes_carry_a_sign_in_policy()
    {
        var routes = Routes();
        Assert.Contains(routes, r => r.Pattern == "/api/kiosk/ticket" && r.Rule?.Audience == BoxAudience.Device);
        Assert.Contains(routes, r => r.Pattern == "/admin/api/devices" && r.Rule?.Audience == BoxAudience.Staff);
        Assert.All(routes, r => Assert.True(r.Rule is not null, $"{r.Pattern} declares no audience"));
        Assert.All(routes.Where(r => r.Rule!.Audience == BoxAudience.Staff), r => Assert.True(r.Authorized, $"{r.Pattern} is for staff but has no sign-in policy"));
        Assert.All(routes.Where(r => r.Rule!.Audience == BoxAudience.Device), r => Assert.NotNull(r.Rule!.DeviceRole));

        // Only reading is public, apart from signing in and setting a device up with its one-time link or a county ticket.
        string[] publicChanges = ["/admin/api/login", "/admin/api/logout", "/setup/{code}", "/api/setup/ticket"];
        Assert.All(
            routes.Where(r => r.Rule!.Audience == BoxAudience.Public && r.Methods.Any(m => m is not "GET" and not "HEAD")),
            r => Assert.Contains(r.Pattern, publicChanges));
    }

    [Fact]
    public async Task A_stranger_is_refused_by_every_route_that_is_not_public_and_nothing_changes()
    {
        var routes = Routes().Where(r => r.Rule!.Audience != BoxAudience.Public).ToList();
        Assert.NotEmpty(routes);
        using var stranger = WebDevices.Client(_f.Box);
        var before = BoxState.Snapshot(_f.Box);
        foreach (var (pattern, methods, rule, _) in routes)
        {
            var path = Fill(pattern);
            foreach (var method in methods.Where(m => m != "HEAD"))
            {
                using var response = await WebDeviceTests.SendAsync(stranger, new HttpMethod(method), path, method == "GET" ? null : new { requestId = "stranger-1" });
                var text = await response.Content.ReadAsStringAsync();
                var page = method == "GET" && !path.Contains("/api/", StringComparison.Ordinal) && !path.StartsWith("/api", StringComparison.Ordinal);
                switch (rule!.Audience)
                {
                    case BoxAudience.Device when page:
                        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized && text.Contains("本设备未登记", StringComparison.Ordinal), $"{method} {path}: {response.StatusCode}");
                        break;
                    case BoxAudience.Device:
                        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized && text.Contains("device-not-enrolled", StringComparison.Ordinal), $"{method} {path}: {response.StatusCode} {text}");
                        break;
                    case BoxAudience.Staff when page && !path.StartsWith("/admin/api/", StringComparison.Ordinal):
                        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/admin/login", StringComparison.Ordinal), $"{method} {path}: {response.StatusCode}");
                        break;
                    case BoxAudience.Staff:
                        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized && text.Contains("not-signed-in", StringComparison.Ordinal), $"{method} {path}: {response.StatusCode} {text}");
                        break;
                    default:
                        // A ticket's or an application's link without its key: as if there were no such thing.
                        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {response.StatusCode} {text}");
                        break;
                }
            }
        }

        Assert.Equal(before, BoxState.Snapshot(_f.Box));
    }

    /// <summary>Every route parameter filled with a value of its kind, so each route is reached, whatever is added later.</summary>
    internal static string Fill(string pattern) => RouteParameter().Replace(pattern, m => m.Groups[1].Value switch
    {
        "counter" => "1",
        "ticketNo" => "A001",
        _ when m.Groups[2].Value is ":long" or ":int" => "1",
        _ => "x",
    });

    /// <summary>The box's endpoints as its own composition builds them (nothing started), with their methods and rules.</summary>
    internal static List<(string Pattern, string[] Methods, BoxAccessRule? Rule, bool Authorized)> Routes()
    {
        var directory = Path.Combine(Path.GetTempPath(), "hall-routes-" + Guid.NewGuid().ToString("N")[..8]);
        var builder = WebApplication.CreateBuilder([$"--Box:DataDirectory={directory}", "--Box:Demo=false"]);
        var box = builder.AddBox();
        builder.AddBroker(box);
        builder.AddHallServices();
        Hall.FirmwareHost.Admin.AdminHostingExtensions.AddAdmin(builder);
        var app = builder.Build();
        app.MapBoxRoutes();
        return [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().Select(e => (
            "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'),
            e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToArray() ?? ["GET"],
            e.Metadata.GetMetadata<BoxAccessRule>(),
            e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0))];
    }

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
