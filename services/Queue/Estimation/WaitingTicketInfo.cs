namespace Hall.Queue.Estimation;

/// <summary>A ticket already waiting, as the wait estimator sees it. Lists of these are in issue order.</summary>
/// <param name="Category">The category it waits in.</param>
/// <param name="Priority">True for appointment, green, assisted and elderly tickets.</param>
/// <param name="ForCounter">Set when it was transferred to one counter and waits for that counter only.</param>
public sealed record WaitingTicketInfo(string Category, bool Priority, string? ForCounter = null);
