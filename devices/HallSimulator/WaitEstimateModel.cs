namespace Hall.Devices.HallSimulator;

/// <summary>A named way to estimate a new ticket's wait in whole minutes, compared by <see cref="QueueReplay"/>.</summary>
public sealed record WaitEstimateModel(string Name, Func<WaitSituation, int> EstimateMinutes);
