namespace Hall.CountyHub.Figures;

/// <summary>How the figures of a span of days are cut: one row for the whole span, one per hall day, or one per month.</summary>
public enum FigureGrain
{
    Whole,
    Day,
    Month,
}
