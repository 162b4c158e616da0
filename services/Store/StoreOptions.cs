using System.ComponentModel.DataAnnotations;

namespace Hall.Store;

/// <summary>Settings of the box's store, section <c>Store</c>. Validated when the box starts.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>
    /// How long the first answer to each (device, requestId) is kept: a device repeating a request within this time
    /// gets that answer again and changes nothing. Devices repeat within seconds or, after an outage, hours.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan RequestLogRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Disk the outbox may use for events the county hub has not acknowledged yet, in MiB. At 80 % the box raises an
    /// <c>outbox-filling</c> alert; it never deletes an unsent event.
    /// </summary>
    [Range(1, 1_048_576)]
    public int OutboxBudgetMiB { get; set; } = 512;

    /// <summary>
    /// How long an outbox row is kept after the county hub acknowledged it, so that a hub restored from yesterday's
    /// backup gets it again. Unacknowledged rows are never deleted.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan OutboxAckedRetention { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How often the request log is pruned and the outbox measured against its budget.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(10);

    public long OutboxBudgetBytes => OutboxBudgetMiB * 1024L * 1024L;
}
