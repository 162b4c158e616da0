namespace Hall.Contract;

/// <summary>A counter PIN check: the name on success, otherwise an error code and a message for the person at the counter.</summary>
public sealed record PinCheck(string? Name, string? Code, string? Message)
{
    /// <summary>When refused for too many tries: how long until a try may go ahead.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
