using System.ComponentModel.DataAnnotations;

namespace Hall.Store.Disk;

/// <summary>
/// The box's disk budget, section <c>Disk</c> (docs/settings.md, docs/security.md#disk). Validated when the box starts.
/// Every writer that can grow asks <see cref="DiskBudget"/> first; the floor is never handed out, so the store can
/// always commit, and the reserve file gives it room to start again when something outside the budget filled the disk.
/// </summary>
public sealed class DiskOptions
{
    public const string Section = "Disk";

    /// <summary>Free space, in MiB, kept for the SQLite store's growth: no upload or cache may take it.</summary>
    [Range(0, 1_048_576)]
    public int StoreFloorMiB { get; set; } = 512;

    /// <summary>
    /// Size, in MiB, of the reserve file kept in the data directory. The box deletes it when the disk is (nearly) full,
    /// so the store can write its journal and the clean-up can run, and writes it again once there is room. 0: none.
    /// </summary>
    [Range(0, 65_536)]
    public int ReserveFileMiB { get; set; } = 64;

    /// <summary>Uploads one application (one applicant link) may have open at once.</summary>
    [Range(1, 100)]
    public int MaxUploadsPerApplication { get; set; } = 3;

    /// <summary>MiB the open uploads of one application may reserve together (their declared sizes).</summary>
    [Range(1, 1_048_576)]
    public int MaxUploadMiBPerApplication { get; set; } = 4096;

    /// <summary>How often free space is measured, the store's write probed, expired reservations released and the reserve file kept.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    public long StoreFloorBytes => StoreFloorMiB * Mebibyte;

    public long ReserveFileBytes => ReserveFileMiB * Mebibyte;

    public long MaxUploadBytesPerApplication => MaxUploadMiBPerApplication * Mebibyte;

    private const long Mebibyte = 1024L * 1024;
}
