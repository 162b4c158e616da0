namespace Hall.Queue;

/// <summary>The hall's wall clock: days, midnight and the offset of every timestamp come from the hall's time zone.</summary>
public sealed class HallClock
{
    public HallClock(TimeZoneInfo timeZone)
    {
        TimeZone = timeZone;
    }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The instant in the hall's offset (so JSON shows +08:00 in China).</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    /// <summary>The hall-local calendar day of the instant: ticket numbers restart when it changes.</summary>
    public DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant).DateTime);
}
