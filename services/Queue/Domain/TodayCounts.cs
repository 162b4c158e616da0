namespace Hall.Queue.Domain;

/// <summary>Today's figures. No-shows (skipped after recalls) and walk-outs (left waiting or cancelled) are kept apart.</summary>
public sealed record TodayCounts(int Issued, int Waiting, int InService, int Finished, int NoShows, int WalkOuts);
