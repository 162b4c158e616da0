namespace Hall.Staff;

/// <summary>What a staff member may do. In JSON and in the store: staff, duty-manager, admin.</summary>
public enum StaffRole
{
    /// <summary>窗口人员: signs in at a counter with a PIN.</summary>
    Staff,

    /// <summary>值班长: also watches the hall on the admin page and manages counter staff.</summary>
    DutyManager,

    /// <summary>管理员: everything, including devices and other admins.</summary>
    Admin,
}
