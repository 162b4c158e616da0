namespace Hall.CounterMonitor.Cameras;

/// <summary>What a camera watches: one counter's staff side, or the waiting area.</summary>
public enum CameraRole
{
    /// <summary>Over a counter, bound to it: presence, absence, extra people (front BlazeFace model, 128×128).</summary>
    Counter,

    /// <summary>The waiting area: faces counted for crowding (back BlazeFace model, 256×256, for smaller faces).</summary>
    WaitingArea,
}
