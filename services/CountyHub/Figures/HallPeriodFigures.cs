namespace Hall.CountyHub.Figures;

/// <summary>
/// One hall (or the county) over a month or a year: the total, the same span before it (last month or last year) with
/// the changes, and the series of days or months for the trend chart.
/// </summary>
public sealed record HallPeriodFigures(
    string BoxId,
    string HallName,
    string Period,
    string PreviousPeriod,
    FigureRow Total,
    FigureRow PreviousTotal,
    IReadOnlyList<FigureChange> Changes,
    IReadOnlyList<FigureRow> Series);
