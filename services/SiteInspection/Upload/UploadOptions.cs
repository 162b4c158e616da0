using System.ComponentModel.DataAnnotations;

namespace Hall.SiteInspection.Upload;

/// <summary>Settings of inspection video uploads, section "SiteInspection:Upload"; checked by <see cref="UploadOptionsValidator"/>.</summary>
public sealed class UploadOptions
{
    public const string Section = "SiteInspection:Upload";

    /// <summary>Where .part files and received videos are kept (e.g. {Box:DataDirectory}/inspection/videos). Required.</summary>
    [FullPath]
    public string Directory { get; set; } = string.Empty;

    /// <summary>The largest video accepted; refused when the upload is created and enforced on every chunk.</summary>
    [Range(typeof(long), "1", "9223372036854775807")]
    public long MaxSize { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// An upload not continued for this long is dropped by <see cref="UploadStore.PurgeAbandoned"/> (its .part deleted);
    /// its room in the disk budget expires after the same time. Free space kept for the store is <c>Disk:StoreFloorMiB</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How often <see cref="UploadJanitor"/> looks for abandoned uploads.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
