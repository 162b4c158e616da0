using Hall.Contract;
using Hall.Contract.Downlink;
using Microsoft.Extensions.Options;

namespace Hall.CountyHub.Downlink;

/// <summary>The hub's downlink: its signing key, the configuration versions, the message queue and the boxes' poll.</summary>
public static class DownlinkHostingExtensions
{
    public static IServiceCollection AddHubDownlink(this IServiceCollection services)
    {
        services.AddSingleton(sp => HubSigningKey.LoadOrCreate(sp.GetRequiredService<IOptions<HubOptions>>().Value.DataDirectory));
        services.AddSingleton<ConfigVersions>();
        services.AddSingleton<DownlinkMessages>();
        services.AddSingleton<DownlinkPoll>();

        // After the migrations (HubInitializer is registered first): the first version, so boxes run the county's from their first poll.
        services.AddHostedService<DownlinkInitializer>();
        return services;
    }

    /// <summary><c>GET /sync/v1/downlink</c>: signed by the box (no person's session), as the uplink.</summary>
    public static IEndpointRouteBuilder MapDownlink(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(DownlinkProtocol.Path, async (HttpContext context, DownlinkPoll poll) =>
        {
            var request = context.Request;
            var (status, body) = await poll.PollAsync(
                request.Headers[Hall.Contract.Uplink.UplinkProtocol.BoxHeader],
                request.Headers[Hall.Contract.Uplink.UplinkProtocol.NonceHeader],
                request.Headers[Hall.Contract.Uplink.UplinkProtocol.SignatureHeader],
                request.Query[DownlinkProtocol.ConfigParameter],
                request.Query[DownlinkProtocol.AfterParameter],
                context.RequestAborted);
            return Results.Json(body, HallJson.Options, statusCode: status);
        });
        return app;
    }
}
