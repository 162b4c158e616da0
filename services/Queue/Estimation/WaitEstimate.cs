namespace Hall.Queue.Estimation;

/// <summary>What the kiosk prints: people ahead and the expected wait.</summary>
/// <param name="WaitingAhead">Tickets of the same category that will be called before the new one.</param>
/// <param name="Wait">Expected time until the new ticket is called.</param>
/// <param name="Served">False when no open counter serves the category now (the wait is then a rough single-counter guess).</param>
public sealed record WaitEstimate(int WaitingAhead, TimeSpan Wait, bool Served)
{
    /// <summary>Whole minutes, rounded up, as printed on the ticket.</summary>
    public int Minutes => (int)Math.Ceiling(Wait.TotalMinutes);
}
