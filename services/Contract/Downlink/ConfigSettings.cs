namespace Hall.Contract.Downlink;

/// <summary>
/// Hall settings the county sets (keys as in the box's settings, e.g. <c>Evaluation:RectifyWorkingDays</c>), and the
/// keys a hall may keep its own local value of.
/// </summary>
public sealed record ConfigSettings(IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> LocalAllowed);
