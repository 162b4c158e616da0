namespace Hall.CountyHub.Downlink;

/// <summary>Refusals of the hub's <c>/api/config</c> (docs/error-codes.md). A refused change publishes nothing.</summary>
public static class ConfigErrorCodes
{
    /// <summary>400: the new version fails a section's check; the answer lists every problem.</summary>
    public const string Invalid = "config-invalid";

    /// <summary>409: someone published a version since the one this change was based on.</summary>
    public const string Conflict = "config-conflict";

    /// <summary>400: the request is not the JSON of a configuration.</summary>
    public const string BadRequest = "config-bad-request";

    /// <summary>404: no such version.</summary>
    public const string UnknownVersion = "config-unknown-version";
}
