namespace Hall.CountyHub.Figures;

/// <summary>Every hall's figures over one period, and the county's (all halls added up: <see cref="FigureParts.CountyKey"/>).</summary>
public sealed record HallTable(string Period, string From, string To, IReadOnlyList<FigureRow> Halls, FigureRow County);
