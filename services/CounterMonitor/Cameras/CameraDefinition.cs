using System.Globalization;
using System.Text.RegularExpressions;

namespace Hall.CounterMonitor.Cameras;

/// <summary>
/// One camera of the hall. <see cref="Source"/> is the camera's sub-stream (rtsp://…, usually the low-resolution
/// stream: the model looks at 128×128 anyway) or a file path for tests and replays.
/// </summary>
public sealed partial record CameraDefinition
{
    public required string Id { get; init; }

    public required string Source { get; init; }

    public CameraRole Role { get; init; } = CameraRole.Counter;

    /// <summary>The counter it watches; required for a counter camera.</summary>
    public string? Counter { get; init; }

    /// <summary>Samples taken per second (default 2); 0.2–10.</summary>
    public double SampleRate { get; init; } = 2;

    /// <summary>People a counter camera may see behind the counter before extra-people (default 1).</summary>
    public int MaxPeople { get; init; } = 1;

    public bool Enabled { get; init; } = true;

    /// <summary>True for a camera from the settings file (not editable on the admin page).</summary>
    public bool FromSettings { get; init; }

    /// <summary>True when the source is a file, not a network stream.</summary>
    public bool IsFile => !SourceScheme().IsMatch(Source);

    /// <summary>The source with any password replaced by ***, for pages and logs (an RTSP URL often carries one).</summary>
    public string SafeSource => UrlPassword().Replace(Source, "$1***@");

    /// <summary>Checks the definition; returns the problems as messages that name the field, empty when it is fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Id) || !IdPattern().IsMatch(Id))
        {
            problems.Add($"id '{Id}' must be 1–32 letters, digits, '-' or '_' (e.g. cam-3)");
        }

        if (SourceProblem(Source) is { } sourceProblem)
        {
            problems.Add(sourceProblem);
        }

        if (Role == CameraRole.Counter && string.IsNullOrWhiteSpace(Counter))
        {
            problems.Add("counter is required for a counter camera");
        }

        if (double.IsNaN(SampleRate) || SampleRate < 0.2 || SampleRate > 10)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"sampleRate {SampleRate} must be 0.2–10 samples per second (2 is the usual)"));
        }

        if (MaxPeople is < 1 or > 10)
        {
            problems.Add($"maxPeople {MaxPeople} must be 1–10");
        }

        return problems;
    }

    /// <summary>What is wrong with a camera source, or null when the box can read it.</summary>
    internal static string? SourceProblem(string? source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return "source is required: the camera's RTSP sub-stream URL (rtsp://user:password@192.168.1.64:554/Streaming/Channels/102) or a video file";
        }

        return SourceScheme().Match(source.Trim()) is { Success: true } scheme && !KnownSchemes.Contains(scheme.Groups[1].Value.ToLowerInvariant())
            ? $"source scheme '{scheme.Groups[1].Value}' is not one the box reads (rtsp, rtsps, http, https, tcp, udp, srt)"
            : null;
    }

    private static readonly HashSet<string> KnownSchemes = ["rtsp", "rtsps", "http", "https", "tcp", "udp", "srt"];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*)://")]
    private static partial Regex SourceScheme();

    [GeneratedRegex("(://[^:/@]+:)[^/]*@")]
    private static partial Regex UrlPassword();
}
