namespace Hall.Queue.Domain;

/// <summary>The contract's words for counter status: open, paused, closed.</summary>
public static class CounterStatuses
{
    public static string ToContract(CounterStatus status) => status switch
    {
        CounterStatus.Open => "open",
        CounterStatus.Paused => "paused",
        _ => "closed",
    };

    public static CounterStatus Parse(string text) => text switch
    {
        "open" => CounterStatus.Open,
        "paused" => CounterStatus.Paused,
        _ => CounterStatus.Closed,
    };
}
