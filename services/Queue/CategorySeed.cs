namespace Hall.Queue;

/// <summary>A category in the seed catalogue (Queue:Categories:n).</summary>
public sealed class CategorySeed
{
    /// <summary>One capital letter, e.g. A.</summary>
    public string Prefix { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Most tickets per day (at most 999).</summary>
    public int DailyLimit { get; set; } = TicketNumbering.MaxNumber;
}
