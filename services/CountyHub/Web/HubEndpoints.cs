using System.Buffers;
using Hall.Contract;
using System.Security.Cryptography;
using System.Text;
using Hall.Contract.Uplink;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Downlink;
using Hall.CountyHub.Ingest;
using Hall.CountyHub.Villages;
using Microsoft.Extensions.Options;

namespace Hall.CountyHub.Web;

/// <summary>
/// The hub's routes: the uplink (<c>POST /sync/v1/events</c>), <c>/healthz</c>, <c>/metrics</c>, and the county staff
/// pages and their API behind <see cref="HubAccessMiddleware"/> (every route says who may use it).
/// </summary>
public static class HubEndpoints
{
    public static WebApplication MapHub(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRouting();
        app.UseMiddleware<HubAccessMiddleware>();
        app.MapPost(UplinkProtocol.EventsPath, PostEventsAsync);
        app.MapDownlink();

        // Anyone may ask whether the hub is up; which halls it serves, their marks and skews are for county staff or a
        // monitor holding Hub:MonitorToken.
        app.MapGet("/healthz", async (HttpContext context, HubStatus status, IOptions<HubOptions> options, CancellationToken ct) =>
        {
            var report = await status.HealthAsync(ct);
            var code = report.Ok ? 200 : 503;
            return MayMonitor(context, options.Value, HubRoles.County)
                ? Results.Json(report, HallJson.Options, statusCode: code)
                : Results.Json(new { ok = report.Ok, database = report.Database }, HallJson.Options, statusCode: code);
        }).AllowStrangers();
        app.MapGet("/metrics", async (HttpContext context, HubStatus status, IOptions<HubOptions> options, CancellationToken ct) =>
            MayMonitor(context, options.Value, [HubRole.CountyAdmin])
                ? Results.Text(await status.MetricsAsync(ct), "text/plain; version=0.0.4; charset=utf-8")
                : HubResults.Error(Contract.HubErrorCodes.SignInRequired, "请先以县级管理员登录,或在请求中带上监控令牌。", StatusCodes.Status401Unauthorized)).AllowStrangers();
        app.MapHubWeb();
        app.MapVillages();
        app.MapCounty();
        app.MapConfig();
        app.MapFigures();
        return app;
    }

    /// <summary>A signed-in user of <paramref name="roles"/>, or a request with <c>Authorization: Bearer {Hub:MonitorToken}</c>.</summary>
    private static bool MayMonitor(HttpContext context, HubOptions options, IReadOnlyList<HubRole> roles)
    {
        if (HubUser.From(context) is { } user && roles.Contains(user.Role))
        {
            return true;
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        return !string.IsNullOrEmpty(options.MonitorToken) && header.StartsWith(Bearer, StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Bearer.Length..]), Encoding.UTF8.GetBytes(options.MonitorToken));
    }

    private static async Task<IResult> PostEventsAsync(HttpContext context, BatchIngest ingest, IOptions<HubOptions> options, ILogger<BatchIngest> logger)
    {
        var limit = options.Value.MaxBatchBytes;
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            return Reply(Refusals.TooLarge());
        }

        byte[]? body;
        try
        {
            body = await ReadAsync(request.Body, limit, context.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The link cut the request mid-way (weak township links do): nothing was read whole, nothing is kept;
            // the box sends the batch again.
            string boxId = request.Headers[UplinkProtocol.BoxHeader].ToString();
            Log.CutMidRequest(logger, boxId);

            // The connection is gone or half gone: drop it rather than have the server drain a body that will not come.
            context.Abort();
            return Results.Empty;
        }

        if (body is null)
        {
            return Reply(Refusals.TooLarge());
        }

        // A whole batch is stored even if the box hangs up meanwhile: its next try then finds it stored (duplicates).
        var outcome = await ingest.IngestAsync(
            new IngestRequest(request.Headers[UplinkProtocol.BoxHeader], request.Headers[UplinkProtocol.NonceHeader], request.Headers[UplinkProtocol.SignatureHeader], body),
            CancellationToken.None);
        return Reply(outcome);
    }

    private static IResult Reply(IngestOutcome outcome) =>
        outcome.Answer is { } answer
            ? Results.Json(answer, HallJson.Options)
            : Results.Json(outcome.Refusal, HallJson.Options, statusCode: outcome.Status);

    /// <summary>The body up to <paramref name="limit"/> bytes; null when it is longer (the rest is not read).</summary>
    private static async Task<byte[]?> ReadAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Min(limit, 64 * 1024));
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }
}
