using System.ComponentModel.DataAnnotations;

namespace Hall.Sync;

/// <summary>The uplink to the county hub, section <c>Sync</c> (docs/settings.md#sync, docs/sync.md).</summary>
public sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary>The hub's address, e.g. https://hub.county.example:8443. Empty: the box keeps its outbox and sends nothing.</summary>
    [Url]
    public string? HubUrl { get; set; }

    /// <summary>
    /// The SHA-256 of the hub's certificate (64 hex digits), printed by <c>hallctl hub enroll</c>: the box talks to that
    /// hub only. Empty: the hub's certificate must chain to a root the system trusts.
    /// </summary>
    [RegularExpression("^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$", ErrorMessage = "{0} must be the 64 hex digits of a SHA-256 (colons allowed).")]
    public string? HubCertificateSha256 { get; set; }

    /// <summary>The smallest batch, taken after failures: on a link that cuts often, small batches still get through.</summary>
    [Range(1, 100_000)]
    public int MinBatchEvents { get; set; } = 20;

    /// <summary>The largest batch, reached by doubling while batches go through.</summary>
    [Range(1, 100_000)]
    public int MaxBatchEvents { get; set; } = 2000;

    /// <summary>At most this much event data (uncompressed) in one batch, in KiB.</summary>
    [Range(1, 65_536)]
    public int MaxBatchKiB { get; set; } = 1024;

    /// <summary>The uplink's share of the hall's link, in kilobits per second (0: no cap): the hall's own traffic goes first.</summary>
    [Range(0, 10_000_000)]
    public int BandwidthKbps { get; set; }

    /// <summary>The first wait after a failure; each further failure doubles it, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between tries while the hub cannot be reached.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the box looks for new events once everything is sent.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A batch not answered in this time counts as failed and is sent again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A jump of the wall clock against the monotonic clock larger than this begins a new epoch (docs/sync.md#time).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ClockJump { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The size of one chunk of a video the county asked for, in KiB: small enough to get through between cuts.</summary>
    [Range(4, 16_384)]
    public int UploadChunkKiB { get; set; } = 256;

    /// <summary>
    /// The county hub's signing public key (SubjectPublicKeyInfo, base 64), printed by <c>hallctl hub enroll</c>: the box
    /// applies only configuration versions this key signed. Empty: every version is refused (config-bad-signature).
    /// </summary>
    public string? HubSigningKey { get; set; }

    /// <summary>How often the box asks the hub for a new configuration version and for messages (督办, 调取视频).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan DownlinkInterval { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(HubUrl);
}
