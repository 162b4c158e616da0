using Hall.CountyHub.Figures;

namespace Hall.CountyHub.Villages;

/// <summary>The county → township → village view of one period: the county's row, then each hall with its village points.</summary>
public sealed record ThreeLevels(string Period, FigureRow County, IReadOnlyList<HallLevels> Halls);
