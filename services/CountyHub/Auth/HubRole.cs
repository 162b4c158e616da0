namespace Hall.CountyHub.Auth;

/// <summary>What a county staff member may do at the hub (docs/hub.md, 角色与登录).</summary>
public enum HubRole
{
    /// <summary>县级管理员: everything, including users and the configuration sent down.</summary>
    CountyAdmin,

    /// <summary>督办员: reads every hall, sends 督办 and video requests.</summary>
    Supervisor,

    /// <summary>乡镇查看: reads one hall, changes nothing.</summary>
    Township,
}
