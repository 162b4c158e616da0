using System.ComponentModel.DataAnnotations;

namespace Hall.Staff;

/// <summary>Staff accounts and sign-in (section "Staff"). docs/admin.md lists them.</summary>
public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>Wrong PINs (or admin passwords) in a row before that account's sign-in is locked.</summary>
    [Range(1, 100)]
    public int MaxFailures { get; set; } = 5;

    /// <summary>How long sign-in stays locked after <see cref="MaxFailures"/> wrong tries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>PBKDF2-SHA256 iterations for new PIN and password hashes (stored with each hash, so a change keeps old ones valid).</summary>
    [Range(1_000, 10_000_000)]
    public int HashIterations { get; set; } = 100_000;

    /// <summary>How long an admin page session lasts without use (sliding).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AdminSession { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// When set and the box has no active admin with a password, the box creates (or restores)
    /// the account "admin" with this password at start. Remove it once the admin has signed in.
    /// </summary>
    public string? BootstrapAdminPassword { get; set; }
}
