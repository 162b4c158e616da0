namespace Hall.Devices.HallSimulator;

/// <summary>A counter at the moment a ticket is issued in the replay.</summary>
/// <param name="Id">Counter id.</param>
/// <param name="Categories">Categories it serves, most preferred first.</param>
/// <param name="Open">Serving (the replay has no breaks yet, so always true).</param>
/// <param name="CurrentCategory">Category of the ticket in service; null when free.</param>
/// <param name="ServingSince">When the ticket in service was called.</param>
public sealed record CounterSituation(string Id, IReadOnlyList<string> Categories, bool Open, string? CurrentCategory, DateTimeOffset? ServingSince);
