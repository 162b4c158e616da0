using System.Globalization;
using System.Text.RegularExpressions;

namespace Hall.SiteInspection.Analysis;

/// <summary>
/// Reads the detector lines out of ffmpeg's stderr (run with <c>-loglevel level+info</c>) and ignores everything else.
/// The two blackdetect instances (dark, and over-exposed on the negated picture) both log as "[blackdetect @ …]", so
/// their frame metadata is printed by named metadata filters instead ("[metadata@dark1 @ 0x…] [info]
/// lavfi.black_start=3"); freezedetect logs "lavfi.freezedetect.freeze_start: 12". Thread-safe: lines arrive on the
/// process's stderr thread.
/// </summary>
internal sealed partial class FilterLog
{
    public const string DarkPrefix = "dark";
    public const string BrightPrefix = "bright";

    private readonly Lock _lock = new();
    private readonly List<Edge> _dark = [];
    private readonly List<Edge> _bright = [];
    private readonly List<Edge> _frozen = [];
    private string? _lastError;
    private int _errors;

    public int Errors
    {
        get
        {
            lock (_lock)
                return _errors;
        }
    }

    public string? LastError
    {
        get
        {
            lock (_lock)
                return _lastError;
        }
    }

    public void Add(string line)
    {
        var m = Line().Match(line);
        if (!m.Success)
            return;
        var context = m.Groups["ctx"].Value;
        var level = m.Groups["level"].Value;
        var message = m.Groups["msg"].Value.Trim();
        lock (_lock)
        {
            if (level is "error" or "fatal" or "panic")
            {
                _errors++;
                _lastError = message;
                return;
            }

            if (context.StartsWith("metadata@" + DarkPrefix, StringComparison.Ordinal))
                AddEdge(_dark, BlackEdge().Match(message));
            else if (context.StartsWith("metadata@" + BrightPrefix, StringComparison.Ordinal))
                AddEdge(_bright, BlackEdge().Match(message));
            else if (context.StartsWith("freezedetect", StringComparison.Ordinal))
                AddEdge(_frozen, FreezeEdge().Match(message));
        }
    }

    /// <summary>Dark stretches, an open one closed at <paramref name="end"/>, shorter than <paramref name="minimum"/> dropped.</summary>
    public List<TimeRange> Dark(TimeSpan end, TimeSpan minimum) => Ranges(_dark, end, minimum);

    public List<TimeRange> Bright(TimeSpan end, TimeSpan minimum) => Ranges(_bright, end, minimum);

    /// <summary>Frozen stretches (freezedetect already applied its own minimum), an open one closed at <paramref name="end"/>.</summary>
    public List<TimeRange> Frozen(TimeSpan end) => Ranges(_frozen, end, TimeSpan.Zero);

    private static void AddEdge(List<Edge> edges, Match m)
    {
        if (!m.Success
            || !double.TryParse(m.Groups["t"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds))
        {
            return;
        }

        edges.Add(new Edge(m.Groups["kind"].Value == "start", TimeSpan.FromSeconds(Math.Max(0, seconds))));
    }

    private List<TimeRange> Ranges(List<Edge> edges, TimeSpan end, TimeSpan minimum)
    {
        Edge[] copy;
        lock (_lock)
            copy = [.. edges];

        var ranges = new List<TimeRange>();
        TimeSpan? open = null;
        foreach (var edge in copy)
        {
            if (edge.Start)
            {
                open ??= edge.At;
            }
            else if (open is { } from)
            {
                Keep(ranges, from, edge.At, minimum);
                open = null;
            }
        }

        // A stretch still running at the end of the video ends with it (ffmpeg prints no end for it).
        if (open is { } last)
            Keep(ranges, last, end, minimum);
        return ranges;
    }

    private static void Keep(List<TimeRange> ranges, TimeSpan from, TimeSpan to, TimeSpan minimum)
    {
        if (to > from && to - from >= minimum)
            ranges.Add(new TimeRange(from, to));
    }

    private readonly record struct Edge(bool Start, TimeSpan At);

    // "[ctx @ 0x55d0c1a2b3c0] [info] message", or "[error] message" without a context.
    [GeneratedRegex(@"^(?:\[(?<ctx>[^\]\s]+) @ 0x[0-9a-fA-F]+\]\s*)?(?:\[(?<level>[a-z]+)\]\s*)?(?<msg>.*)$")]
    private static partial Regex Line();

    [GeneratedRegex(@"^lavfi\.black_(?<kind>start|end)=(?<t>[-+0-9.eE]+)$")]
    private static partial Regex BlackEdge();

    [GeneratedRegex(@"^lavfi\.freezedetect\.freeze_(?<kind>start|end):\s*(?<t>[-+0-9.eE]+)$")]
    private static partial Regex FreezeEdge();
}
