namespace Hall.Store.Disk;

/// <summary>
/// Whether the store could write at the last probe, and why not: a code for machines and a message for people.
/// </summary>
public sealed record StoreWriteState(bool CanWrite, string? Code, string? Message, string? Detail, DateTimeOffset At)
{
    public static StoreWriteState Unknown(DateTimeOffset at) => new(true, null, null, null, at);
}
