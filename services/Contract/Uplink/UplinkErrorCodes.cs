namespace Hall.Contract.Uplink;

/// <summary>Every refusal the county hub answers an uplink request with (docs/sync.md, docs/error-codes.md).</summary>
public static class UplinkErrorCodes
{
    /// <summary>401: no enrolled box has this id.</summary>
    public const string UnknownBox = "sync-unknown-box";

    /// <summary>401: the signature is missing or does not match the box's enrolled key and this body.</summary>
    public const string BadSignature = "sync-bad-signature";

    /// <summary>409: the nonce is not above the last one the hub accepted from this box; the answer carries <c>lastNonce</c>.</summary>
    public const string Replayed = "sync-replayed";

    /// <summary>403: the box was revoked at the hub.</summary>
    public const string Revoked = "sync-box-revoked";

    /// <summary>403: the batch names another box than the one that signed it.</summary>
    public const string WrongBox = "sync-wrong-box";

    /// <summary>409: the batch starts after the hub's mark; the answer carries <c>mark</c>, the box sends again from mark + 1.</summary>
    public const string Gap = "sync-gap";

    /// <summary>400: the batch cannot be read (not Brotli, not JSON, fields missing, events not consecutive).</summary>
    public const string BadBatch = "sync-bad-batch";

    /// <summary>413: the body or the decompressed batch is over the hub's limit.</summary>
    public const string TooLarge = "sync-too-large";

    /// <summary>503: the hub's database did not take the batch; nothing of it was kept. Send again later.</summary>
    public const string HubUnavailable = "sync-hub-unavailable";
}
