namespace Hall.Staff;

/// <summary>Which secret a sign-in checks: a counter PIN or an admin page password.</summary>
internal enum StaffSecret
{
    Pin,
    Password,
}
