namespace Hall.CountyHub.Villages;

/// <summary>A village point (村级代办点) of a hall as the county keeps it; a retired one (<see cref="Active"/> false) keeps its figures.</summary>
public sealed record VillagePointRecord(string BoxId, string VillageId, string Name, IReadOnlyList<string> Items, bool Active, DateTimeOffset UpdatedAt, string? UpdatedBy);
