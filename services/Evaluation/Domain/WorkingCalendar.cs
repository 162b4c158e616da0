namespace Hall.Evaluation.Domain;

/// <summary>
/// The hall's working days: Monday to Friday, minus public holidays, plus the weekend days that China
/// makes working days to balance a long holiday (调休). Follow-up deadlines in working days are counted on it.
/// </summary>
public sealed class WorkingCalendar
{
    // A deadline further than this is a calendar with no working days left: a configuration error, not a date.
    private const int MaxDaysSearched = 3660;

    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _workdays;

    public WorkingCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> adjustedWorkdays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(adjustedWorkdays);
        _holidays = [.. holidays];
        _workdays = [.. adjustedWorkdays];
    }

    /// <summary>Monday to Friday, no holidays: what a box uses before any calendar is loaded.</summary>
    public static WorkingCalendar WeekendsOnly { get; } = new([], []);

    public int HolidayCount => _holidays.Count;

    public int AdjustedWorkdayCount => _workdays.Count;

    /// <summary>An adjusted working day (调休上班) counts even on a weekend; a holiday never counts; otherwise Monday to Friday.</summary>
    public bool IsWorkingDay(DateOnly day)
    {
        if (_workdays.Contains(day))
        {
            return true;
        }

        return !_holidays.Contains(day) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The <paramref name="workingDays"/>-th working day after <paramref name="day"/>. The day itself never counts,
    /// whether or not it is a working day: a case opened on Wednesday with 1 working day is due on Thursday.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly day, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        var counted = 0;
        var current = day;
        for (var i = 0; i < MaxDaysSearched; i++)
        {
            current = current.AddDays(1);
            if (IsWorkingDay(current) && ++counted == workingDays)
            {
                return current;
            }
        }

        throw new InvalidOperationException($"The holiday calendar leaves no {workingDays} working days after {day:yyyy-MM-dd}.");
    }

    /// <summary>
    /// The deadline of a step of <paramref name="workingDays"/> working days opened at <paramref name="opened"/>: the end
    /// of the n-th working day after the hall-local day of opening, i.e. the hall's midnight that starts the next day.
    /// </summary>
    public DateTimeOffset Deadline(DateTimeOffset opened, int workingDays, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        var openedDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(opened, timeZone).DateTime);
        var due = AddWorkingDays(openedDay, workingDays);
        var end = due.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(end, timeZone.GetUtcOffset(end));
    }
}
