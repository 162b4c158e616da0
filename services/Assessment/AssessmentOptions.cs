using System.ComponentModel.DataAnnotations;

namespace Hall.Assessment;

/// <summary>Window assessment (窗口考核) settings, section "Assessment". docs/assessment.md describes them.</summary>
public sealed class AssessmentOptions
{
    public const string Section = "Assessment";

    /// <summary>Printed on the monthly report; Box:HallName unless set here.</summary>
    [Required(ErrorMessage = "{0} (or Box:HallName) must name the hall: it is printed on the monthly report.")]
    public string HallName { get; set; } = "便民服务中心";

    /// <summary>
    /// How long after midnight a day's summary goes to the county hub: long enough for the last services' rating
    /// windows to close, so their ratings or "not rated" are in it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan DayCloseDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the box looks for days to close (and closed days whose figures changed since).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "06:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(10);
}
