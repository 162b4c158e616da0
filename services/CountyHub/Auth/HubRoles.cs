namespace Hall.CountyHub.Auth;

/// <summary>The roles' names as stored and sent (county-admin, supervisor, township) and as people read them.</summary>
public static class HubRoles
{
    public const string CountyAdmin = "county-admin";
    public const string Supervisor = "supervisor";
    public const string Township = "township";

    /// <summary>Every role.</summary>
    public static IReadOnlyList<HubRole> All { get; } = [HubRole.CountyAdmin, HubRole.Supervisor, HubRole.Township];

    /// <summary>Everyone who reads the whole county.</summary>
    public static IReadOnlyList<HubRole> County { get; } = [HubRole.CountyAdmin, HubRole.Supervisor];

    public static string Name(HubRole role) => role switch
    {
        HubRole.CountyAdmin => CountyAdmin,
        HubRole.Supervisor => Supervisor,
        HubRole.Township => Township,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static string Label(HubRole role) => role switch
    {
        HubRole.CountyAdmin => "县级管理员",
        HubRole.Supervisor => "督办员",
        HubRole.Township => "乡镇查看",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>The role of a stored name; an unreadable one counts as the least privileged (township).</summary>
    public static HubRole ParseOrLeast(string? name) => TryParse(name, out var role) ? role : HubRole.Township;

    public static bool TryParse(string? name, out HubRole role)
    {
        switch (name)
        {
            case CountyAdmin:
                role = HubRole.CountyAdmin;
                return true;
            case Supervisor:
                role = HubRole.Supervisor;
                return true;
            case Township:
                role = HubRole.Township;
                return true;
            default:
                role = HubRole.Township;
                return false;
        }
    }
}
