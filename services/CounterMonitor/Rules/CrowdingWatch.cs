using System.Globalization;
using Hall.Contract;

namespace Hall.CounterMonitor.Rules;

/// <summary>
/// The waiting area (plain logic, no I/O): faces seen by the waiting-area cameras (median of each camera's last five
/// samples, so one noisy frame counts for nothing) and waiting tickets per open counter. When either passes its
/// threshold for <see cref="CrowdingRules.After"/>, a crowding alert with a suggestion to open a counter; it clears
/// after both have stayed below for as long.
/// </summary>
public sealed class CrowdingWatch
{
    private const int MedianOf = 5;
    private readonly CrowdingRules _rules;
    private readonly Dictionary<string, Queue<int>> _faces = new(StringComparer.Ordinal);
    private DateTimeOffset? _overSince;
    private DateTimeOffset? _underSince;

    public CrowdingWatch(CrowdingRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
    }

    public bool Raised { get; private set; }

    /// <summary>Faces in the waiting area now (sum over the waiting-area cameras), or null with no such camera delivering.</summary>
    public int? Faces => _faces.Count == 0 ? null : _faces.Values.Sum(Median);

    public string? LastMessage { get; private set; }

    public void Sample(string cameraId, int faces)
    {
        if (!_faces.TryGetValue(cameraId, out var recent))
        {
            _faces[cameraId] = recent = new Queue<int>();
        }

        recent.Enqueue(faces);
        while (recent.Count > MedianOf)
        {
            recent.Dequeue();
        }
    }

    /// <summary>A waiting-area camera went silent or was removed: its count no longer counts.</summary>
    public void Forget(string cameraId) => _faces.Remove(cameraId);

    /// <param name="waiting">Tickets waiting in the hall.</param>
    /// <param name="openCounters">Counters open and not paused.</param>
    /// <param name="suggestion">What to do, e.g. "建议开放3号窗口", chosen by the caller from the counters it knows.</param>
    public AlertChange? Evaluate(DateTimeOffset now, int waiting, int openCounters, string suggestion)
    {
        var faces = Faces;
        var perCounter = openCounters == 0 ? (waiting > 0 ? double.PositiveInfinity : 0) : (double)waiting / openCounters;
        var over = (faces is { } f && f >= _rules.Faces) || perCounter >= _rules.WaitingPerOpenCounter;
        if (over)
        {
            _overSince ??= now;
            _underSince = null;
        }
        else
        {
            _underSince ??= now;
            _overSince = null;
        }

        if (!Raised && over && now - _overSince >= _rules.After)
        {
            Raised = true;
            LastMessage = $"等候区拥挤:{Describe(faces, waiting, openCounters, perCounter)}。{suggestion}";
            return new AlertChange(AlertTypes.Crowding, true, LastMessage);
        }

        if (Raised && !over && now - _underSince >= _rules.After)
        {
            Raised = false;
            LastMessage = null;
            return new AlertChange(AlertTypes.Crowding, false, $"等候区已不再拥挤:{Describe(faces, waiting, openCounters, perCounter)}");
        }

        return null;
    }

    private static string Describe(int? faces, int waiting, int openCounters, double perCounter)
    {
        var people = faces is { } f ? $"摄像头看到约 {f} 人," : string.Empty;
        var load = openCounters == 0
            ? $"{waiting} 人等候而没有开放的窗口"
            : string.Create(CultureInfo.InvariantCulture, $"{waiting} 人等候、{openCounters} 个窗口开放(每窗口 {perCounter:0.#} 人)");
        return people + load;
    }

    private static int Median(Queue<int> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
