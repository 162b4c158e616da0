using System.ComponentModel.DataAnnotations;

namespace Hall.Staff;

/// <summary>Staff accounts and sign-in (section "Staff"). docs/admin.md lists them.</summary>
public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>
    /// The last line, per account: wrong PINs (or admin passwords) from all addresses together, one given back every
    /// <see cref="AccountRefill"/>, before that account's sign-in is locked for <see cref="Lockout"/>. Per-address
    /// backoff (<see cref="SignInFreeTries"/>) stops one machine long before this, so one guesser cannot lock out the
    /// real person; docs/security.md explains the numbers.
    /// </summary>
    [Range(1, 1000)]
    public int MaxFailures { get; set; } = 30;

    /// <summary>How often an account gets one of its <see cref="MaxFailures"/> wrong tries back.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AccountRefill { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sign-in tries one address (a browser) or one device (a keypad) may make at once, before it must wait.</summary>
    [Range(1, 100)]
    public int SignInFreeTries { get; set; } = 5;

    /// <summary>The first wait after <see cref="SignInFreeTries"/>; it doubles with each further try, up to <see cref="SignInMaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan SignInBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between tries from one address; an address quiet for four times this starts afresh.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SignInMaxBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>PIN and password checks hashed at the same time; the rest wait, so a flood cannot take every core.</summary>
    [Range(1, 16)]
    public int HashConcurrency { get; set; } = 1;

    /// <summary>Addresses and accounts the sign-in limiter remembers; bounds its memory under a flood of made-up ones.</summary>
    [Range(100, 1_000_000)]
    public int SignInTracked { get; set; } = 10_000;

    /// <summary>How long a counter page sign-in lasts (the working day); sign-out or a new PIN ends it sooner.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "2.00:00:00")]
    public TimeSpan CounterSession { get; set; } = TimeSpan.FromHours(16);

    /// <summary>How long an account's sign-in stays locked once <see cref="MaxFailures"/> have run out.</summary>
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
