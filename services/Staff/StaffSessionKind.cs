namespace Hall.Staff;

/// <summary>Where a session was signed in: the admin page (password) or a counter page (PIN).</summary>
public enum StaffSessionKind
{
    Admin,
    Counter,
}
