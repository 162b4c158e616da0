namespace Hall.Contract;

/// <summary>
/// A village point (村级代办点) served through a township box: its id (unique within the hall), its name, and the codes
/// of the catalogue items it handles (代办事项). The county hub keeps the list per hall and sends it down; the box
/// refuses a device enrolled under an id not on it.
/// </summary>
public sealed record VillagePoint(string Id, string Name, IReadOnlyList<string> Items);
