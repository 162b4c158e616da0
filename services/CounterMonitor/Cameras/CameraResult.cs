namespace Hall.CounterMonitor.Cameras;

/// <summary>The outcome of a camera change from the admin page: done, or an error code and a message to act on.</summary>
public sealed record CameraResult(bool Ok, string? Code = null, string? Message = null)
{
    public static CameraResult Done { get; } = new(true);

    public static CameraResult Refused(string code, string message) => new(false, code, message);
}
