namespace Hall.FirmwareHost.Web;

/// <summary>What plain HTTP (an isolated device LAN only) may carry: public read-only pages, never staff or secrets.</summary>
public enum PlainHttpVerdict
{
    /// <summary>Public: the hall board, the displays, the kiosk, ticket pages, /healthz.</summary>
    Allow,

    /// <summary>A staff page: the browser is sent to the same page over HTTPS.</summary>
    RedirectToHttps,

    /// <summary>A staff call or a request carrying a credential: refused with <c>https-required</c>, nothing done.</summary>
    Refuse,
}

/// <summary>
/// Decides what a plain-HTTP request may do. Staff sign-in and every staff route live under <c>/admin</c> and
/// <c>/counter</c>; any request that carries a credential (an Authorization header, or a staff session cookie) is refused
/// too, so a device token or a session never crosses the LAN in clear, whatever route it is sent to.
/// </summary>
public static class PlainHttpPolicy
{
    private static readonly string[] StaffPrefixes = ["/admin", "/counter"];
    private static readonly string[] SessionCookies = ["hall_admin", "hall_counter"];

    public static PlainHttpVerdict Decide(string path, string method, bool hasAuthorization, IEnumerable<string> cookieNames)
    {
        ArgumentNullException.ThrowIfNull(cookieNames);
        var staff = StaffPrefixes.Any(prefix => IsUnder(path, prefix));
        var credential = hasAuthorization || cookieNames.Any(name => SessionCookies.Contains(name, StringComparer.Ordinal));
        if (!staff && !credential)
        {
            return PlainHttpVerdict.Allow;
        }

        var page = staff && !credential && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) && !path.Contains("/api", StringComparison.OrdinalIgnoreCase);
        return page ? PlainHttpVerdict.RedirectToHttps : PlainHttpVerdict.Refuse;
    }

    /// <summary>The path itself or one below it, whatever its case (routing ignores case too).</summary>
    private static bool IsUnder(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        && (path.Length == prefix.Length || path[prefix.Length] == '/');
}
