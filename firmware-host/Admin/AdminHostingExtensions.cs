using System.Security.Claims;
using Hall.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Hall.FirmwareHost.Admin;

/// <summary>The admin page's services: cookie sign-in for duty managers and admins, and its policies.</summary>
public static class AdminHostingExtensions
{
    /// <summary>
    /// Cookie authentication (HttpOnly, SameSite=Strict, path /admin, sliding expiry of Staff:AdminSession),
    /// the two admin policies, and data-protection keys kept under Box:DataDirectory/keys so sessions and
    /// counter sign-ins survive a restart. Needs <see cref="StaffDirectory"/> (AddStaff).
    /// </summary>
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("hall-box");
        var dataDirectory = builder.Configuration["Box:DataDirectory"];
        if (!string.IsNullOrWhiteSpace(dataDirectory))
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        }

        builder.Services.AddAuthentication(AdminAuth.Scheme).AddCookie(AdminAuth.Scheme, options =>
        {
            options.Cookie.Name = AdminAuth.CookieName;
            options.Cookie.Path = "/admin";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;

            // Staff pages are served over HTTPS only (PlainHttpGuard): the browser never sends the session in clear.
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.SlidingExpiration = true;
            options.LoginPath = "/admin/login";
            options.LogoutPath = "/admin/login";
            options.AccessDeniedPath = "/admin/login";
            options.Events = new CookieAuthenticationEvents
            {
                OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden),
                OnValidatePrincipal = ValidateAsync,
            };
        });
        builder.Services.AddOptions<CookieAuthenticationOptions>(AdminAuth.Scheme)
            .Configure<IOptions<StaffOptions>>((cookie, staff) => cookie.ExpireTimeSpan = staff.Value.AdminSession);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminAuth.PagePolicy, policy => policy
                .AddAuthenticationSchemes(AdminAuth.Scheme)
                .RequireAuthenticatedUser()
                .RequireRole(StaffRoles.DutyManager, StaffRoles.Admin))
            .AddPolicy(AdminAuth.AdminPolicy, policy => policy
                .AddAuthenticationSchemes(AdminAuth.Scheme)
                .RequireAuthenticatedUser()
                .RequireRole(StaffRoles.Admin));
        return builder;
    }

    /// <summary>Pages go to the sign-in form; API calls get a status code the page can act on.</summary>
    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/admin/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
            return AdminResults.Error(
                status == StatusCodes.Status401Unauthorized ? Hall.Contract.ErrorCodes.NotSignedIn : Hall.Contract.ErrorCodes.NotAllowed,
                status == StatusCodes.Status401Unauthorized ? "请先登录管理页 (sign in first)." : "您的角色不能做这项操作 (your role may not do this).",
                status).ExecuteAsync(context.HttpContext);
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Every request re-checks the account and its server-side session: a logged-out session, or a deactivated,
    /// demoted or re-passworded account's, ends at once, not when the cookie expires.
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var directory = context.HttpContext.RequestServices.GetRequiredService<StaffDirectory>();
        var sessions = context.HttpContext.RequestServices.GetRequiredService<StaffSessions>();
        var member = directory.Find(principal?.FindFirstValue(ClaimTypes.NameIdentifier));
        var session = sessions.Find(principal?.FindFirstValue(AdminAuth.SessionClaim));
        var valid = member is { Active: true, HasPassword: true }
            && session is { Kind: StaffSessionKind.Admin }
            && string.Equals(session.StaffId, member.StaffId, StringComparison.OrdinalIgnoreCase)
            && StaffRoles.MayUseAdminPage(member.Role)
            && principal!.IsInRole(StaffRoles.Name(member.Role))
            && principal.FindFirstValue(AdminAuth.PasswordStampClaim) == AdminPrincipal.Stamp(member);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AdminAuth.Scheme);
        }
    }
}
