using System.Globalization;
using System.Security.Claims;
using Hall.Staff;

namespace Hall.FirmwareHost.Admin;

/// <summary>The signed-in duty manager or admin, as the cookie carries them.</summary>
internal static class AdminPrincipal
{
    public static ClaimsPrincipal Create(StaffMember member, string sessionToken) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, member.StaffId),
                new Claim(ClaimTypes.Name, member.Name),
                new Claim(ClaimTypes.Role, StaffRoles.Name(member.Role)),
                new Claim(AdminAuth.PasswordStampClaim, Stamp(member)),
                new Claim(AdminAuth.SessionClaim, sessionToken),
            ],
            AdminAuth.Scheme));

    public static string Stamp(StaffMember member) => member.PasswordStamp.ToString(CultureInfo.InvariantCulture);

    public static StaffActor Actor(ClaimsPrincipal user)
    {
        // Only signed-in duty managers and admins get here; anything unreadable counts as the least privileged.
        var role = StaffRoles.TryParse(user.FindFirstValue(ClaimTypes.Role), out var parsed) ? parsed : StaffRole.Staff;
        return new StaffActor(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "?", role);
    }
}
