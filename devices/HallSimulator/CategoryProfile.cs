namespace Hall.Devices.HallSimulator;

/// <summary>One business category as the simulator sees it.</summary>
/// <param name="Category">Ticket prefix, e.g. "A".</param>
/// <param name="Name">e.g. 公民类.</param>
/// <param name="Weight">Share of arrivals, relative to the other categories.</param>
/// <param name="MeanServiceTime">Mean time at the counter.</param>
/// <param name="Spread">σ of the log of the service time (0.5 ≈ most services between half and twice the median).</param>
public sealed record CategoryProfile(string Category, string Name, double Weight, TimeSpan MeanServiceTime, double Spread = 0.5)
{
    /// <summary>A 公民类 (70 %, 6 min) and B 法人类 (30 %, 12 min): the box's default catalogue.</summary>
    public static IReadOnlyList<CategoryProfile> Defaults() =>
    [
        new("A", "公民类", 0.7, TimeSpan.FromMinutes(6)),
        new("B", "法人类", 0.3, TimeSpan.FromMinutes(12)),
    ];
}
