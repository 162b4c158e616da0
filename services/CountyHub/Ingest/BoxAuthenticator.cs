using System.Globalization;
using Hall.Contract.Identity;
using Hall.Contract.Uplink;
using Hall.CountyHub.Storage;

namespace Hall.CountyHub.Ingest;

/// <summary>
/// Who sent a request, before anything of its body is read: an enrolled box, not revoked, whose enrolled key signed
/// this method, path, box id, nonce and body. Refusals name only what the box needs to know.
/// </summary>
public sealed class BoxAuthenticator
{
    /// <summary>Null when the request is the box's own; else the refusal. <paramref name="nonce"/> is the parsed nonce.</summary>
    public IngestOutcome? Check(BoxRecord? box, IngestRequest request, out long nonce)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CheckSigned(
            box,
            request.Nonce,
            request.Signature,
            (boxId, n) => UplinkProtocol.SigningBytes("POST", UplinkProtocol.EventsPath, boxId, n, request.Body.Span),
            out nonce);
    }

    /// <summary>
    /// The same check for any signed request (the downlink's poll, the uploads): <paramref name="signingBytes"/> gives
    /// what the box signed for its id and the parsed nonce.
    /// </summary>
    public IngestOutcome? CheckSigned(BoxRecord? box, string? nonceText, string? signature, Func<string, long, byte[]> signingBytes, out long nonce)
    {
        ArgumentNullException.ThrowIfNull(signingBytes);
        nonce = 0;
        if (box is null)
        {
            return Refusals.UnknownBox();
        }

        if (box.RevokedAt is not null)
        {
            return Refusals.Revoked();
        }

        if (string.IsNullOrEmpty(signature)
            || !long.TryParse(nonceText, NumberStyles.None, CultureInfo.InvariantCulture, out nonce))
        {
            return Refusals.BadSignature();
        }

        return BoxKey.Verify(signingBytes(box.BoxId, nonce), signature, box.PublicKey) ? null : Refusals.BadSignature();
    }
}
