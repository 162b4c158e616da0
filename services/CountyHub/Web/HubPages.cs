using System.Text;
using Hall.Contract;
using Hall.CountyHub.Auth;

namespace Hall.CountyHub.Web;

/// <summary>
/// The county staff pages: files in <c>Web/Pages/</c> (each includes the shell <c>hub.css</c> and <c>hub.js</c>),
/// served by <see cref="MapHubPage"/> behind the roles that may see them. To add a page: put <c>x.html</c> in
/// <c>Web/Pages/</c> (copy <c>audit.html</c>), map it here with its roles, add its nav entry in <c>hub.js</c>.
/// </summary>
public static class HubPages
{
    /// <summary>Maps GET <paramref name="path"/> to the page file <paramref name="file"/> for <paramref name="roles"/> (none: anyone, as /login).</summary>
    public static RouteHandlerBuilder MapHubPage(this IEndpointRouteBuilder app, string path, string file, params HubRole[] roles)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Assembled once: the files are fixed text; every figure is fetched by the page's script.
        var html = PageFiles.Load(typeof(HubPages).Assembly, file);
        var page = app.MapGet(path, () => Page(html, StatusCodes.Status200OK));
        return roles is { Length: > 0 } ? page.RequireHubRole(roles) : page.AllowStrangers();
    }

    /// <summary>The page a signed-in user gets for a page their role may not open.</summary>
    public static IResult Forbidden(HubUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Page(PageFiles.Load(typeof(HubPages).Assembly, "forbidden.html"), StatusCodes.Status403Forbidden);
    }

    internal static IResult Page(string html, int status) =>
        Results.Text(html, "text/html; charset=utf-8", Encoding.UTF8, status);
}
