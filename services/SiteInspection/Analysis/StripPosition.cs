namespace Hall.SiteInspection.Analysis;

/// <summary>Which edge of the frame a watermark strip was cut from.</summary>
public enum StripPosition
{
    Bottom,
    Top,
}
