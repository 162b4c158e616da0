using System.Buffers;
using System.Globalization;
using Hall.Contract;
using Hall.Contract.Evidence;
using Hall.Contract.Identity;
using Hall.Contract.Uplink;
using Hall.CountyHub.Storage;

namespace Hall.CountyHub.Evidence;

/// <summary>
/// The box-facing upload routes under <c>/sync/v1/uploads</c> (docs/sync.md#uploads). Only an enrolled box, not revoked,
/// with a signature by its enrolled key over this method, path, nonce and body, and a nonce above the last of its uploads
/// channel, gets past the door; a stranger gets 401 and nothing is read further.
/// </summary>
public static class UploadEndpoints
{
    public static IEndpointRouteBuilder MapUploads(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(UploadProtocol.Path, (HttpContext c, VideoUploads u, HubDatabase db, TimeProvider t) => HandleAsync(c, u, db, t, u.MaxChunkBytes, async (box, body, ct) =>
        {
            UploadCreate? create;
            try
            {
                create = HallJson.Deserialize<UploadCreate>(body.Span);
            }
            catch (System.Text.Json.JsonException)
            {
                create = null;
            }

            return create is null ? UploadRefusals.BadRequest("不是有效的 JSON") : await u.CreateAsync(box, create, ct);
        }));
        app.MapGet(UploadProtocol.Path + "/{requestId}", (HttpContext c, VideoUploads u, HubDatabase db, TimeProvider t, string requestId) =>
            HandleAsync(c, u, db, t, 0, (box, _, ct) => u.StatusAsync(box, requestId, ct)));
        app.MapPut(UploadProtocol.Path + "/{requestId}/{offset:long}", (HttpContext c, VideoUploads u, HubDatabase db, TimeProvider t, string requestId, long offset) =>
            HandleAsync(c, u, db, t, u.MaxChunkBytes, (box, body, ct) => u.AppendAsync(box, requestId, offset, body, ct)));
        app.MapPost(UploadProtocol.Path + "/{requestId}/finish", (HttpContext c, VideoUploads u, HubDatabase db, TimeProvider t, string requestId) =>
            HandleAsync(c, u, db, t, 0, (box, _, ct) => u.FinishAsync(box, requestId, ct)));
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context, VideoUploads uploads, HubDatabase database, TimeProvider time, int limit,
        Func<string, ReadOnlyMemory<byte>, CancellationToken, Task<UploadOutcome>> handle)
    {
        var request = context.Request;
        var boxId = request.Headers[UplinkProtocol.BoxHeader].ToString();
        if (!BoxIds.IsValid(boxId))
        {
            return Reply(UploadRefusals.UnknownBox());
        }

        if (request.ContentLength > limit)
        {
            return Reply(UploadRefusals.TooLarge(limit));
        }

        byte[]? body;
        try
        {
            body = await ReadAsync(request.Body, limit, context.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // Cut mid-chunk: nothing of it is kept, the box asks the offset and sends again.
            context.Abort();
            return Results.Empty;
        }

        if (body is null)
        {
            return Reply(UploadRefusals.TooLarge(limit));
        }

        try
        {
            var box = await new BoxDirectory(database, time).FindAsync(boxId, CancellationToken.None);
            if (box is null)
            {
                return Reply(UploadRefusals.UnknownBox());
            }

            if (box.RevokedAt is not null)
            {
                return Reply(UploadRefusals.Revoked());
            }

            var pathAndQuery = request.Path.Value + request.QueryString.Value;
            if (!long.TryParse(request.Headers[UplinkProtocol.NonceHeader].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var nonce)
                || !BoxKey.Verify(UplinkProtocol.SigningBytes(request.Method, pathAndQuery, box.BoxId, nonce, body), request.Headers[UplinkProtocol.SignatureHeader].ToString(), box.PublicKey))
            {
                return Reply(UploadRefusals.BadSignature());
            }

            if (await uploads.TakeNonceAsync(box.BoxId, nonce, CancellationToken.None) is { } last)
            {
                return Reply(UploadRefusals.Replayed(last));
            }

            // A chunk read whole is stored even if the box hangs up meanwhile: its next try finds the offset moved.
            return Reply(await handle(box.BoxId, body, CancellationToken.None));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or TimeoutException or UnauthorizedAccessException)
        {
            EvidenceLog.NotStored(context.RequestServices.GetRequiredService<ILogger<VideoUploads>>(), boxId, ex);
            return Reply(UploadRefusals.Unavailable());
        }
    }

    private static IResult Reply(UploadOutcome outcome) =>
        outcome.State is { } state
            ? Results.Json(state, HallJson.Options)
            : Results.Json(outcome.Refusal, HallJson.Options, statusCode: outcome.Status);

    private static async Task<byte[]?> ReadAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Clamp(limit, 1, 64 * 1024));
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
