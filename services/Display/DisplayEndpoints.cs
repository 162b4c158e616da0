using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Display;

/// <summary>The display's HTTP side: the pages, the live feed and the announcement audio.</summary>
public static class DisplayEndpoints
{
    private const string HtmlType = "text/html; charset=utf-8";

    /// <summary>Maps the public pages: /display/hall, /display/counter/{counter}, /live and /audio/{key}.wav.</summary>
    public static IEndpointRouteBuilder MapDisplay(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/display/hall", (IOptions<DisplayOptions> options) => Page(DisplayPages.Hall, options.Value));
        endpoints.MapGet("/display/counter/{counter}", (string counter, IOptions<DisplayOptions> options) => Page(DisplayPages.Counter, options.Value));
        endpoints.MapGet("/live", (HttpContext context, LiveFeed feed, IOptions<DisplayOptions> options, TimeProvider time, ILoggerFactory loggers) =>
            StreamLiveAsync(context, feed, options, time, loggers, staff: false));
        endpoints.MapGet("/audio/{key}.wav", ServeAudioAsync);
        return endpoints;
    }

    /// <summary>
    /// Maps the touch kiosk page, /kiosk. Apart from the public pages: the host decides who may open it (the box lets
    /// only an enrolled web kiosk).
    /// </summary>
    public static RouteHandlerBuilder MapKioskPage(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet("/kiosk", (IOptions<DisplayOptions> options) => Page(DisplayPages.Kiosk, options.Value));
    }

    /// <summary>A page with the hall's own name where it says <c>{{hall}}</c> (HTML-encoded; the page files are fixed text).</summary>
    private static IResult Page(string html, DisplayOptions options) =>
        Results.Content(html.Replace("{{hall}}", System.Net.WebUtility.HtmlEncode(options.HallName), StringComparison.Ordinal), HtmlType, Encoding.UTF8);

    /// <summary>
    /// The live feed with the staff-only topics too (alerts, presence): for the admin console, mapped by the host behind
    /// its sign-in. The public <c>/live</c> leaves them out: who is away from a counter is not for the waiting room.
    /// </summary>
    public static Task StreamStaffLiveAsync(HttpContext context, LiveFeed feed, IOptions<DisplayOptions> options, TimeProvider time, ILoggerFactory loggers) =>
        StreamLiveAsync(context, feed, options, time, loggers, staff: true);

    private static async Task StreamLiveAsync(HttpContext context, LiveFeed feed, IOptions<DisplayOptions> options, TimeProvider time, ILoggerFactory loggers, bool staff)
    {
        var response = context.Response;
        response.Headers.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var stopping = context.RequestAborted;
        using var subscription = feed.Subscribe(LiveTopicFilter.Parse(context.Request.Query["topics"]));
        loggers.CreateLogger(typeof(DisplayEndpoints).FullName!).LiveConnected(feed.Subscribers);
        var heartbeat = options.Value.LiveHeartbeat;
        var reader = subscription.Reader;
        try
        {
            // EventSource reconnects by itself; ask it to do so quickly after a box restart.
            await response.WriteAsync("retry: 2000\n\n", stopping);
            await response.Body.FlushAsync(stopping);
            Task<bool>? waiting = null;
            Task? tick = null;
            while (!stopping.IsCancellationRequested)
            {
                waiting ??= reader.WaitToReadAsync(stopping).AsTask();
                tick ??= Task.Delay(heartbeat, time, stopping);
                if (await Task.WhenAny(waiting, tick) == tick)
                {
                    // Keeps proxies from closing an idle stream and finds pages that went away.
                    tick = null;
                    await response.WriteAsync(": keep-alive\n\n", stopping);
                    await response.Body.FlushAsync(stopping);
                    continue;
                }

                if (!await waiting)
                {
                    break;
                }

                waiting = null;
                while (reader.TryRead(out var message))
                {
                    if (staff)
                    {
                        await response.WriteAsync(Frame(message), stopping);
                    }
                    else if (!LiveTopicFilter.IsStaffOnly(message.Topic))
                    {
                        await response.WriteAsync(Frame(message with { Json = LiveTopicFilter.PublicJson(message.Topic, message.Json) }), stopping);
                    }
                }

                await response.Body.FlushAsync(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The page went away.
        }
    }

    /// <summary>One server-sent event: <c>data: {"topic":…,"retain":…,"payload":…}</c>.</summary>
    internal static string Frame(LiveMessage message)
    {
        // Valid JSON has raw line breaks only as whitespace, so removing them keeps it one SSE line.
        var payload = message.Json.Length == 0 ? "null" : message.Json.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
        return $"data: {{\"topic\":{JsonSerializer.Serialize(message.Topic)},\"retain\":{(message.Retain ? "true" : "false")},\"payload\":{payload}}}\n\n";
    }

    private static async Task<IResult> ServeAudioAsync(string key, HttpContext context, SpeechCache speech, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!IsKey(key))
        {
            return Results.NotFound();
        }

        var result = await speech.GetAsync(key, cancellationToken);
        switch (result.Status)
        {
            case SpeechStatus.Ready:
                // Keys name the exact words, voice and speed, so a clip never changes.
                context.Response.Headers.CacheControl = "public, max-age=86400, immutable";
                return Results.File(result.FilePath!, "audio/wav", enableRangeProcessing: true);
            case SpeechStatus.UnknownKey:
                return Results.NotFound();
            default:
                loggers.CreateLogger(typeof(DisplayEndpoints).FullName!).AudioNotServed(key, result.Error);
                return Results.Problem(result.Error, statusCode: StatusCodes.Status503ServiceUnavailable, title: "语音播报暂不可用");
        }
    }

    private static bool IsKey(string key) => key.Length == 64 && key.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
