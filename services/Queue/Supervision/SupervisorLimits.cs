namespace Hall.Queue.Supervision;

/// <summary>When the duty manager (值班长) wants to hear about a queue.</summary>
/// <param name="LongestWait">A ticket waiting longer than this raises long-wait for its category.</param>
/// <param name="LongestService">A ticket in service longer than this raises long-service for its counter.</param>
/// <param name="IdleCounterAfter">An open counter with no ticket while people wait for it, this long, raises idle-counter.</param>
public sealed record SupervisorLimits(TimeSpan LongestWait, TimeSpan LongestService, TimeSpan IdleCounterAfter);
