using System.ComponentModel.DataAnnotations;

namespace Hall.Display;

/// <summary>Settings of the call display, section <c>Display</c>. Validated when the box starts.</summary>
public sealed class DisplayOptions
{
    public const string Section = "Display";

    /// <summary>The hall's own name on every public page; the box sets it from Box:HallName.</summary>
    public string HallName { get; set; } = "便民服务中心";

    /// <summary>How many recent calls the hall board shows, newest first.</summary>
    [Range(1, 50)]
    public int RecentCalls { get; set; } = 8;

    /// <summary>
    /// espeak-ng voice. Debian's espeak-ng 1.51 "cmn" voice reads the pinyin of every Chinese
    /// character as English ("qing three"); "cmn-latn-pinyin" speaks the same characters as Mandarin.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_+-]+$", ErrorMessage = "{0} must be an espeak-ng voice name such as cmn-latn-pinyin.")]
    public string Voice { get; set; } = "cmn-latn-pinyin";

    /// <summary>Speaking speed in words per minute (espeak-ng -s).</summary>
    [Range(80, 450)]
    public int SpeechRate { get; set; } = 150;

    /// <summary>The espeak-ng executable: a name looked up on PATH or a full path.</summary>
    [Required]
    public string EspeakPath { get; set; } = "espeak-ng";

    /// <summary>Where rendered announcements are kept. Defaults to <c>{Box:DataDirectory}/speech</c>.</summary>
    [Required(ErrorMessage = "{0} is not set and Box:DataDirectory is missing: set one of them to a writable folder.")]
    public string? CacheDirectory { get; set; }

    /// <summary>How many rendered announcements are kept on disk; the oldest go first.</summary>
    [Range(10, 100_000)]
    public int MaxCachedClips { get; set; } = 500;

    /// <summary>How long one espeak-ng run may take before it is stopped.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SynthesisTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Calls waiting to be pre-rendered; when full the oldest is dropped (the page renders it on demand).</summary>
    [Range(1, 10_000)]
    public int SpeechQueueCapacity { get; set; } = 64;

    /// <summary>Messages buffered per connected page; a page that falls further behind loses the oldest.</summary>
    [Range(16, 100_000)]
    public int LiveClientBuffer { get; set; } = 256;

    /// <summary>How often an idle live feed sends a keep-alive comment.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LiveHeartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a change of waiting counts may wait before the board is published again; a call
    /// publishes it at once. Under a burst of tickets this sends the displays one board instead of hundreds.
    /// Zero publishes every change.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan BoardCoalesce { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Calls older than this are not put back on the board when the box starts (yesterday's numbers).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan RestoreWindow { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Optional absolute base for <c>audioUrl</c> (e.g. http://192.168.1.10:8080) so MQTT displays that are not
    /// browsers of this box can fetch the WAV; empty gives a path relative to the box.
    /// </summary>
    [Url]
    public string? AudioBaseUrl { get; set; }
}
