namespace Hall.FirmwareHost.Admin;

/// <summary>Names shared by the admin sign-in, its cookie and its policies.</summary>
internal static class AdminAuth
{
    public const string Scheme = "HallAdmin";
    public const string CookieName = "hall_admin";

    /// <summary>Duty managers and admins: the console, the live queue, counter staff.</summary>
    public const string PagePolicy = "hall-admin-page";

    /// <summary>Admins only: devices, the catalogue, other duty managers and admins.</summary>
    public const string AdminPolicy = "hall-admin-only";

    /// <summary>The password generation the session was signed in with; a new password ends older sessions.</summary>
    public const string PasswordStampClaim = "hall:pwd";

    /// <summary>The server-side session (<see cref="Hall.Staff.StaffSessions"/>) the cookie names; it must be live on every request.</summary>
    public const string SessionClaim = "hall:sid";

    /// <summary>
    /// Header every state-changing admin call must carry. A cross-site form cannot set it, and a
    /// cross-site script cannot either without a CORS preflight the box never grants.
    /// </summary>
    public const string CsrfHeader = "X-Hall-Admin";

    /// <summary>The same guard for the counter page's commands.</summary>
    public const string CounterCsrfHeader = "X-Hall-Counter";
}
