namespace Hall.Contract.Downlink;

/// <summary>A village point (村级代办点) of the hall and the item codes it takes in.</summary>
public sealed record ConfigVillagePoint(string Id, string Name, IReadOnlyList<string> Items);
