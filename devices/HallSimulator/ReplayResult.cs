namespace Hall.Devices.HallSimulator;

/// <summary>The outcome of one replayed session.</summary>
/// <param name="People">Everyone who took a ticket, in arrival order.</param>
/// <param name="Accuracy">Per model name: its estimates against the real waits.</param>
/// <param name="MostWaiting">The longest the queue got.</param>
/// <param name="LastFinish">When the last person left the counter.</param>
public sealed record ReplayResult(
    IReadOnlyList<ReplayPerson> People,
    IReadOnlyDictionary<string, EstimateAccuracy> Accuracy,
    int MostWaiting,
    DateTimeOffset LastFinish);
