namespace Hall.CountyHub.Figures;

/// <summary>A hall's place in a ranking; <see cref="Rank"/> and <see cref="Value"/> are null when it has no such figure.</summary>
public sealed record RankedHall(int? Rank, string BoxId, string HallName, double? Value);
