namespace Hall.Devices.HallSimulator;

/// <summary>A ticket waiting in the replay, as an estimator sees it.</summary>
public sealed record WaitingTicket(string Category, DateTimeOffset IssuedAt);
