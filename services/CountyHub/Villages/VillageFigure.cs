using Hall.CountyHub.Figures;

namespace Hall.CountyHub.Villages;

/// <summary>
/// One village point's figures. <see cref="Listed"/> false: the box reported facts under an id the county has not listed
/// (a point a technician added locally before the county's list came); shown, never dropped.
/// </summary>
public sealed record VillageFigure(string VillageId, string Name, bool Active, bool Listed, IReadOnlyList<string> Items, FigureRow Figures);
