using Hall.Contract;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Storage;
using Microsoft.Extensions.Options;

namespace Hall.CountyHub.Web;

/// <summary>Sign-in, the signed-in user, the halls a user may see, users (/users) and the audit log (/audit).</summary>
public static class HubWebEndpoints
{
    public static IEndpointRouteBuilder MapHubWeb(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHubPage("/login", "login.html");
        app.MapHubPage("/users", "users.html", HubRole.CountyAdmin);
        app.MapHubPage("/audit", "audit.html", HubRole.CountyAdmin, HubRole.Supervisor);

        var api = app.MapGroup("/api");
        api.MapPost("/login", SignInAsync).AllowStrangers();
        api.MapPost("/logout", SignOutAsync).RequireHubRole([.. HubRoles.All]);
        api.MapGet("/county", (IOptions<HubOptions> options) => HubResults.Json(new { countyName = options.Value.CountyName, timeZone = options.Value.DefaultTimeZone }))
            .AllowStrangers();
        api.MapGet("/me", Me).RequireHubRole([.. HubRoles.All]);
        api.MapGet("/halls", HallsAsync).RequireHubRole([.. HubRoles.All]);
        api.MapGet("/users", async (HubAccounts accounts, CancellationToken ct) => HubResults.Json(new { users = await accounts.ListAsync(ct) }))
            .RequireHubRole(HubRole.CountyAdmin);
        api.MapPost("/users", AddUserAsync).RequireHubRole(HubRole.CountyAdmin);
        api.MapPatch("/users/{userId}", UpdateUserAsync).RequireHubRole(HubRole.CountyAdmin);
        api.MapGet("/audit", async (HubUser user, HubAudit audit, string? box, int? limit, CancellationToken ct) =>
            HubResults.Json(new { entries = await audit.ListAsync(user, string.IsNullOrWhiteSpace(box) ? null : box, limit ?? 200, ct) }))
            .RequireHubRole(HubRole.CountyAdmin, HubRole.Supervisor);
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, HubAccounts accounts, ILogger<HubAccounts> logger)
    {
        var (body, error) = await HubResults.ReadAsync<SignInRequest>(context.Request);
        if (error is not null)
        {
            return error;
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "?";
        var outcome = await accounts.SignInAsync(body!.UserId, body.Password, address, context.RequestAborted);
        if (outcome.Refusal is { } refusal)
        {
            // For the operator: repeated refusals from one address are someone guessing (the audit log keeps only changes).
            Log.SignInRefused(logger, body.UserId ?? string.Empty, address, refusal.Code);
            return HubResults.From(refusal);
        }

        context.Response.Cookies.Append(HubSessionCookie.Name, outcome.Token!, HubSessionCookie.Options());
        return HubResults.Json(new { ok = true, user = Describe(outcome.User!) });
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, HubUser user, HubAccounts accounts)
    {
        await accounts.SignOutAsync(user, context.Request.Cookies[HubSessionCookie.Name], context.RequestAborted);
        context.Response.Cookies.Delete(HubSessionCookie.Name, HubSessionCookie.Options());
        return HubResults.Json(new { ok = true });
    }

    private static IResult Me(HubUser user, IOptions<HubOptions> options, TimeProvider time)
    {
        var hub = options.Value;
        return HubResults.Json(new
        {
            user = Describe(user),
            countyName = hub.CountyName,
            timeZone = hub.DefaultTimeZone,
            now = time.GetUtcNow(),
        });
    }

    private static async Task<IResult> HallsAsync(HubUser user, BoxDirectory boxes, CancellationToken ct)
    {
        var halls = (await boxes.ListAsync(ct))
            .Where(b => user.CanSee(b.BoxId))
            .Select(b => new { boxId = b.BoxId, hallName = b.HallName ?? b.BoxId, revoked = b.RevokedAt is not null });
        return HubResults.Json(new { halls });
    }

    private static async Task<IResult> AddUserAsync(HttpContext context, HubUser user, HubAccounts accounts)
    {
        var (body, error) = await HubResults.ReadAsync<NewHubUser>(context.Request);
        if (error is not null)
        {
            return error;
        }

        try
        {
            return HubResults.Json(new { user = await accounts.AddAsync(body!, user, context.RequestAborted) }, StatusCodes.Status201Created);
        }
        catch (HubException refusal)
        {
            return HubResults.From(refusal);
        }
    }

    private static async Task<IResult> UpdateUserAsync(HttpContext context, string userId, HubUser user, HubAccounts accounts)
    {
        var (body, error) = await HubResults.ReadAsync<HubUserUpdate>(context.Request);
        if (error is not null)
        {
            return error;
        }

        try
        {
            return HubResults.Json(new { user = await accounts.UpdateAsync(userId, body!, user, context.RequestAborted) });
        }
        catch (HubException refusal)
        {
            return HubResults.From(refusal);
        }
    }

    private static object Describe(HubUser user) => new
    {
        userId = user.UserId,
        name = user.Name,
        role = HubRoles.Name(user.Role),
        roleLabel = HubRoles.Label(user.Role),
        boxId = user.BoxId,
    };

    private sealed record SignInRequest(string? UserId, string? Password);
}
