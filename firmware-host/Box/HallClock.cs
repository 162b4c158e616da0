namespace Hall.FirmwareHost.Box;

/// <summary>Converts the box's UTC time to the hall's offset, so every <c>ts</c> carries the hall's offset.</summary>
public sealed class HallClock
{
    private readonly TimeProvider _time;
    private readonly TimeZoneInfo _zone;

    public HallClock(TimeProvider time, TimeZoneInfo zone)
    {
        _time = time;
        _zone = zone;
    }

    public TimeZoneInfo Zone => _zone;

    public DateTimeOffset Now() => TimeZoneInfo.ConvertTime(_time.GetUtcNow(), _zone);
}
