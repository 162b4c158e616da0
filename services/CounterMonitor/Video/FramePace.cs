namespace Hall.CounterMonitor.Video;

/// <summary>How a file source is read. Live sources always arrive at their own pace.</summary>
public enum FramePace
{
    /// <summary>At the file's own speed (ffmpeg <c>-re</c>): a replay behaves like a camera.</summary>
    Realtime,

    /// <summary>Every sample as fast as ffmpeg decodes, no waiting: for tests and batch replays.</summary>
    AsFastAsPossible,
}
