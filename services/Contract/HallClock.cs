namespace Hall.Contract;

/// <summary>
/// The hall's wall clock (Box:TimeZone, Asia/Shanghai unless configured): days, midnight and the
/// offset of every <c>ts</c> come from it. One instance per box, shared by every service.
/// </summary>
public sealed class HallClock
{
    private readonly TimeProvider _time;

    public HallClock(TimeZoneInfo timeZone, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        TimeZone = timeZone;
        _time = time ?? TimeProvider.System;
    }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>Now, in the hall's offset (so JSON shows +08:00 in China).</summary>
    public DateTimeOffset Now() => Local(_time.GetUtcNow());

    /// <summary>The instant in the hall's offset.</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    /// <summary>The hall-local calendar day of the instant: ticket numbers restart when it changes.</summary>
    public DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant).DateTime);
}
