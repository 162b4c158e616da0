using Hall.Contract;

namespace Hall.CountyHub.Villages;

/// <summary>
/// What a change of a hall's village points gave: the configuration version that carries it to the box, or why nothing
/// changed (<see cref="Error"/>: the county's other checks, or no such point).
/// </summary>
public sealed record VillageChange(long? Version, VillagePointRecord? Point, ErrorBody? Error);
