using Microsoft.Extensions.Logging;

namespace Hall.Staff;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff {StaffId}: {Failures} wrong {Secret}s from all addresses together, sign-in locked until {Until} (lift with unlock on the admin page or hallctl staff unlock)")]
    public static partial void LockedOut(this ILogger logger, string staffId, int failures, string secret, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in from {Source}: {Tries} tries at once, further tries from there now wait, longer each time (once per burst)")]
    public static partial void SourceSlowed(this ILogger logger, string source, int tries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff {StaffId}: {Change} by {Actor}")]
    public static partial void Changed(this ILogger logger, string staffId, string change, string actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin account '{StaffId}' set from Staff:BootstrapAdminPassword. Sign in at /admin, change the password and remove the setting.")]
    public static partial void BootstrapAdminCreated(this ILogger logger, string staffId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The box has no admin account with a password, so nobody can sign in at /admin. Set Staff:BootstrapAdminPassword, or run: hallctl staff add --id admin --name 管理员 --role admin --password <at least 8 characters>")]
    public static partial void NoAdmin(this ILogger logger);
}
