namespace Hall.Contract;

/// <summary>
/// The codes the county hub's pages and their API answer with (beside the generic ones of <see cref="ErrorCodes"/>).
/// docs/error-codes.md lists them with what a person should do.
/// </summary>
public static class HubErrorCodes
{
    public const string SignInRequired = "hub-sign-in-required";
    public const string SignInFailed = "hub-sign-in-failed";
    public const string SignInPaused = "hub-sign-in-paused";
    public const string Forbidden = "hub-forbidden";
    public const string CrossSite = "hub-cross-site";
    public const string UserExists = "hub-user-exists";
    public const string UnknownUser = "hub-unknown-user";
    public const string WeakPassword = "hub-weak-password";
    public const string LastAdmin = "hub-last-admin";
    public const string UnknownHall = "hub-unknown-hall";
    public const string UnknownInspection = "hub-unknown-inspection";
    public const string ConfigConflict = "hub-config-conflict";
    public const string UnknownConfigVersion = "hub-unknown-config-version";
}
