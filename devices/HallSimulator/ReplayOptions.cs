namespace Hall.Devices.HallSimulator;

/// <summary>The hall a <see cref="QueueReplay"/> plays out.</summary>
public sealed record ReplayOptions
{
    public required ArrivalProfile Arrivals { get; init; }

    public required IReadOnlyList<CategoryProfile> Categories { get; init; }

    public required IReadOnlyList<ReplayCounter> Counters { get; init; }

    /// <summary>The simulated day; the hall's clock is Asia/Shanghai (+08:00) unless set.</summary>
    public DateOnly Day { get; init; } = new(2025, 3, 3);

    public TimeSpan UtcOffset { get; init; } = TimeSpan.FromHours(8);

    /// <summary>How many recent services per category the box averages, as the Queue service does.</summary>
    public int MeanWindow { get; init; } = 20;

    /// <summary>What the box assumes for a category before it has measured any service.</summary>
    public TimeSpan DefaultServiceTime { get; init; } = TimeSpan.FromMinutes(8);

    /// <summary>
    /// The box's demo catalogue: counter 1 serves A only, 2 prefers A then B, 3 prefers B then A, 4 serves B only.
    /// </summary>
    public static ReplayOptions MorningPeak() => new()
    {
        Arrivals = ArrivalProfile.MorningPeak(),
        Categories = CategoryProfile.Defaults(),
        Counters =
        [
            new("1", ["A"]),
            new("2", ["A", "B"]),
            new("3", ["B", "A"]),
            new("4", ["B"]),
        ],
    };
}
