namespace Hall.CountyHub.Auth;

/// <summary>The session cookie and the header every change must carry.</summary>
public static class HubSessionCookie
{
    public const string Name = "hall_hub";

    /// <summary>
    /// Header every state-changing call must carry: a form on another site cannot set it, and a script on another site
    /// cannot without a CORS preflight the hub never grants. <c>hub.js</c> sends it.
    /// </summary>
    public const string CsrfHeader = "X-Hall-Hub";

    public static CookieOptions Options() => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
    };
}
