namespace Hall.Devices.HallSimulator;

/// <summary>A counter in the replay: its id and the categories it serves, most preferred first.</summary>
public sealed record ReplayCounter(string Id, IReadOnlyList<string> Categories);
