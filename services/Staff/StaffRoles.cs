namespace Hall.Staff;

/// <summary>The role names as the store, the CLI and the pages write them.</summary>
public static class StaffRoles
{
    public const string Staff = "staff";
    public const string DutyManager = "duty-manager";
    public const string Admin = "admin";

    public static string Name(StaffRole role) => role switch
    {
        StaffRole.Staff => Staff,
        StaffRole.DutyManager => DutyManager,
        StaffRole.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a staff role."),
    };

    /// <summary>Reads staff, duty-manager or admin (case-insensitive; dutymanager and duty_manager too).</summary>
    public static bool TryParse(string? text, out StaffRole role)
    {
        switch (text?.Trim().ToLowerInvariant().Replace('_', '-'))
        {
            case Staff:
                role = StaffRole.Staff;
                return true;
            case DutyManager or "dutymanager":
                role = StaffRole.DutyManager;
                return true;
            case Admin:
                role = StaffRole.Admin;
                return true;
            default:
                role = default;
                return false;
        }
    }

    /// <summary>The role's name on the pages.</summary>
    public static string Chinese(StaffRole role) => role switch
    {
        StaffRole.Staff => "窗口人员",
        StaffRole.DutyManager => "值班长",
        StaffRole.Admin => "管理员",
        _ => role.ToString(),
    };

    /// <summary>True for the roles that may sign in to the admin page.</summary>
    public static bool MayUseAdminPage(StaffRole role) => role is StaffRole.DutyManager or StaffRole.Admin;

    /// <summary>
    /// Who may create or change whom: an admin anyone; a duty manager only counter staff
    /// (so nobody can raise themselves or others above their own rank).
    /// </summary>
    public static bool MayManage(StaffRole actor, StaffRole target) => actor switch
    {
        StaffRole.Admin => true,
        StaffRole.DutyManager => target == StaffRole.Staff,
        _ => false,
    };
}
