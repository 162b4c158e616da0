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
}
