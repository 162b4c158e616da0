namespace Hall.Contract.Downlink;

/// <summary>Why a box refuses a configuration version (docs/error-codes.md); the old version stays.</summary>
public static class DownlinkErrorCodes
{
    /// <summary>The signature does not verify with <c>Sync:HubSigningKey</c> (or the box has no key set).</summary>
    public const string BadSignature = "config-bad-signature";

    /// <summary>The bundle is not readable JSON of format 1, or names another box or version than it was signed for.</summary>
    public const string BadBundle = "config-bad-bundle";

    /// <summary>A section fails its validator (a duplicate category, an item of an unknown category, a bad date…).</summary>
    public const string Invalid = "config-invalid";

    /// <summary>The box could not store the version; it tries again at the next poll.</summary>
    public const string ApplyFailed = "config-apply-failed";
}
