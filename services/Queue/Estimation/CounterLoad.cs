namespace Hall.Queue.Estimation;

/// <summary>A counter as the wait estimator sees it.</summary>
/// <param name="Id">Counter id.</param>
/// <param name="Categories">Categories it serves, most preferred first.</param>
/// <param name="Open">Open now (paused and closed counters serve no one in the estimate).</param>
/// <param name="RemainingService">Expected time left on the ticket in service; zero when free.</param>
public sealed record CounterLoad(string Id, IReadOnlyList<string> Categories, bool Open, TimeSpan RemainingService);
