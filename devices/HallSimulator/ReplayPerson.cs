namespace Hall.Devices.HallSimulator;

/// <summary>One person of a replay: the estimates each model printed, and the wait they really had.</summary>
public sealed record ReplayPerson(
    int Person,
    string Category,
    DateTimeOffset IssuedAt,
    DateTimeOffset? CalledAt,
    string? Counter,
    TimeSpan ServiceTime,
    IReadOnlyDictionary<string, int> Estimates)
{
    public TimeSpan? Waited => CalledAt - IssuedAt;
}
