using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hall.Queue;

/// <summary>
/// The queue's settings, section "Queue". Validated at start by <see cref="QueueOptionsValidator"/> (generated from the annotations) and
/// <see cref="QueueOptionsSemanticValidator"/> (rules across fields);
/// docs/queue.md lists them with their defaults.
/// </summary>
public sealed class QueueOptions
{
    public const string Section = "Queue";

    /// <summary>How often a counter may recall (重呼) the same ticket.</summary>
    [Range(0, 20)]
    public int MaxRecalls { get; set; } = 3;

    /// <summary>Recalls needed before the counter may skip (过号) a ticket as a no-show.</summary>
    [Range(0, 20)]
    public int RecallsBeforeSkip { get; set; } = 1;

    /// <summary>The hall's interleave rule "O:P" (O ordinary, then P priority), for counters without their own.</summary>
    [Interleave]
    public string DefaultInterleave { get; set; } = "2:1";

    /// <summary>
    /// The starvation bound. A waiting ordinary ticket T is "overtaken" when a counter that could call T calls another
    /// ticket of T's category that was issued after T. With "next", no ordinary ticket is overtaken more than
    /// MaxOvertakes times: once T has been overtaken that often, it is called before any later ticket of its category.
    /// (An explicit "call" of a given ticket by staff still counts as an overtake but is not refused.)
    /// </summary>
    [Range(0, 1000)]
    public int MaxOvertakes { get; set; } = 5;

    /// <summary>When true, counter commands other than signin are refused until staff sign in (not-signed-in).</summary>
    public bool RequireSignIn { get; set; }

    /// <summary>When true, a kiosk must send the ID card number and a card may hold one waiting ticket per category.</summary>
    public bool OneWaitingTicketPerIdCard { get; set; }

    public bool ReprintEnabled { get; set; } = true;

    [Range(0, 100)]
    public int MaxReprints { get; set; } = 2;

    /// <summary>Service time assumed for a category before any service of it has been measured.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DefaultServiceTime { get; set; } = TimeSpan.FromMinutes(8);

    /// <summary>How many recent finished services make a category's mean service time.</summary>
    [Range(1, 1000)]
    public int ServiceTimeWindow { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LongestWait { get; set; } = TimeSpan.FromMinutes(30);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LongestService { get; set; } = TimeSpan.FromMinutes(30);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IdleCounterAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the supervisor checks the limits (and closes the day after midnight).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SupervisorInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When the catalogue tables are empty at first start and no Categories/Counters are configured: seed the demo catalogue.</summary>
    public bool SeedDemoCatalogue { get; set; } = true;

    /// <summary>Seed categories, applied only when the box has none yet.</summary>
    [ValidateEnumeratedItems]
    public List<CategorySeed> Categories { get; set; } = [];

    /// <summary>Seed counters, applied only when the box has none yet.</summary>
    [ValidateEnumeratedItems]
    public List<CounterSeed> Counters { get; set; } = [];

    /// <summary>The demo catalogue: A 公民类, B 法人类 and counters 1–4 (two comprehensive counters).</summary>
    public static IReadOnlyList<CategorySeed> DemoCategories { get; } =
    [
        new() { Prefix = "A", Name = "公民类" },
        new() { Prefix = "B", Name = "法人类" },
    ];

    public static IReadOnlyList<CounterSeed> DemoCounters { get; } =
    [
        new() { Id = "1", Name = "1号窗口", Categories = ["A"] },
        new() { Id = "2", Name = "2号窗口", Categories = ["A", "B"] },
        new() { Id = "3", Name = "3号窗口", Categories = ["B", "A"] },
        new() { Id = "4", Name = "4号窗口", Categories = ["B"] },
    ];
}
