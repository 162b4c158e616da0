namespace Hall.Queue;

/// <summary>The alert types the queue raises on <c>hall/{h}/alert</c>.</summary>
public static class AlertTypes
{
    public const string LongWait = "long-wait";
    public const string LongService = "long-service";
    public const string IdleCounter = "idle-counter";
}
