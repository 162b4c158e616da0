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
        nonce = 0;
        if (box is null)
        {
            return Refusals.UnknownBox();
        }

        if (box.RevokedAt is not null)
        {
            return Refusals.Revoked();
        }

        if (string.IsNullOrEmpty(request.Signature)
            || !long.TryParse(request.Nonce, NumberStyles.None, CultureInfo.InvariantCulture, out nonce))
        {
            return Refusals.BadSignature();
        }

        var signed = UplinkProtocol.SigningBytes("POST", UplinkProtocol.EventsPath, box.BoxId, nonce, request.Body.Span);
        return BoxKey.Verify(signed, request.Signature, box.PublicKey) ? null : Refusals.BadSignature();
    }
}
