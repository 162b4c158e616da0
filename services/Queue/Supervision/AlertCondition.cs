namespace Hall.Queue.Supervision;

/// <summary>One condition that holds now. The key identifies it across checks, so that it is raised once and cleared once.</summary>
public sealed record AlertCondition(string Key, AlertMessage Alert);
