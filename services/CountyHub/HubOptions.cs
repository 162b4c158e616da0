using System.ComponentModel.DataAnnotations;
using Hall.CountyHub.Storage;

namespace Hall.CountyHub;

/// <summary>Settings of the county hub, section <c>Hub</c>. Validated when the hub starts (docs/settings.md).</summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    /// <summary>Where the SQLite file (hub.db) and the generated certificate live.</summary>
    [Required]
    public string DataDirectory { get; set; } = "/var/lib/hall-hub";

    /// <summary>sqlite (the default, one file) or postgres (<see cref="ConnectionString"/>).</summary>
    public DatabaseEngine Database { get; set; } = DatabaseEngine.Sqlite;

    /// <summary>The Npgsql connection string, when <see cref="Database"/> is postgres.</summary>
    public string? ConnectionString { get; set; }

    [Required]
    public string BindAddress { get; set; } = "0.0.0.0";

    [Range(1, 65535)]
    public int HttpsPort { get; set; } = 8443;

    /// <summary>PEM certificate; empty: a self-signed one is made in the data directory at first start.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="CertificatePath"/>.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>Names and addresses the boxes reach the hub by, added to a generated certificate.</summary>
    public IList<string> PublicNames { get; init; } = [];

    /// <summary>Largest request body (compressed batch) taken, in bytes.</summary>
    [Range(1024, 268_435_456)]
    public int MaxBatchBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest batch after decompression, in bytes: a small body must not unpack into gigabytes.</summary>
    [Range(1024, 1_073_741_824)]
    public int MaxDecompressedBytes { get; set; } = 64 * 1024 * 1024;

    [Range(1, 1_000_000)]
    public int MaxBatchEvents { get; set; } = 5000;

    /// <summary>A box clock off by more than this has its events counted at its time plus the measured skew.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan SkewTolerance { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The hall zone when a batch names none.</summary>
    [Required]
    public string DefaultTimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>The county's name in the header of every hub page.</summary>
    [Required]
    [StringLength(40, MinimumLength = 1)]
    public string CountyName { get; set; } = "示范县政务服务中心";

    /// <summary>A hall not heard from for longer than this is marked silent on the overview.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan SilentAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// When set and the hub has no active county admin, the hub creates (or restores) the account "admin" with this
    /// password at start. Remove it once the admin has signed in and set their own.
    /// </summary>
    public string? BootstrapAdminPassword { get; set; }

    /// <summary>A session ends after this long without a request (sliding).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however busy.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan SessionMax { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Wrong passwords in a row for one account before that account's sign-in pauses for <see cref="AccountLockout"/>.</summary>
    [Range(1, 100)]
    public int MaxAccountFailures { get; set; } = 5;

    /// <summary>
    /// Short on purpose: anyone can type wrong passwords for the admin's name, and must not keep the admin out for long;
    /// guessing from one address is stopped by <see cref="AddressLockout"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AccountLockout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Wrong passwords from one address (any account) before that address may not sign in for <see cref="AddressLockout"/>.</summary>
    [Range(1, 1000)]
    public int MaxAddressFailures { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AddressLockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>PBKDF2-SHA256 iterations for new password hashes (stored with each hash).</summary>
    [Range(1_000, 10_000_000)]
    public int HashIterations { get; set; } = 100_000;

    /// <summary>
    /// A secret a monitor (Prometheus) sends as <c>Authorization: Bearer …</c> to read /metrics and the full /healthz;
    /// empty: only a signed-in county admin reads them.
    /// </summary>
    public string? MonitorToken { get; set; }
}
