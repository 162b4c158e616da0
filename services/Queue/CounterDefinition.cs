namespace Hall.Queue;

/// <summary>What the admin page sends to create or update a counter.</summary>
public sealed record CounterDefinition
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>Category prefixes served, most preferred first.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>"O:P", or empty for the hall default.</summary>
    public string? Interleave { get; init; }

    public int? Order { get; init; }

    /// <summary>The village point the counter stands at; "" makes it a township counter again; null keeps it as it is.</summary>
    public string? Village { get; init; }
}
