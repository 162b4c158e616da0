namespace Hall.CountyHub.Villages;

/// <summary>What the county admin sends for a village point: its name and the item codes it handles (代办事项).</summary>
public sealed record VillagePointInput
{
    public string? Name { get; init; }

    public IReadOnlyList<string>? Items { get; init; }
}
