namespace Hall.Contract.Downlink;

/// <summary>One inspection point (踏勘要点).</summary>
public sealed record ConfigCheckpoint(string Code, string Name, string MustShow, bool PersonRequired);
