namespace Hall.Queue;

/// <summary>What the admin page sends to create or update a category.</summary>
public sealed record CategoryDefinition
{
    public string? Prefix { get; init; }

    public string? Name { get; init; }

    public bool Active { get; init; } = true;

    public int? DailyLimit { get; init; }

    public int? Order { get; init; }
}
