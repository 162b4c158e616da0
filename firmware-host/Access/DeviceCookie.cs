namespace Hall.FirmwareHost.Access;

/// <summary>
/// The web device's cookie: <c>{deviceId}.{token}</c>, HttpOnly, SameSite=Strict, for the whole box. Browsers keep a
/// cookie at most 400 days, so every page a device opens sets it again with a fresh expiry.
/// </summary>
internal static class DeviceCookie
{
    public const string Name = "hall_device";

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);

    public static string? Read(HttpContext context) =>
        context.Request.Cookies.TryGetValue(Name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    public static void Write(HttpContext context, string value, TimeProvider time) =>
        context.Response.Cookies.Append(Name, value, new CookieOptions
        {
            Path = "/",
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            Expires = time.GetUtcNow() + Lifetime,
        });
}
