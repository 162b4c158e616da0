namespace Hall.CounterMonitor.Video;

/// <summary>A change in a camera's availability, reported once per change.</summary>
/// <param name="CameraId">The camera.</param>
/// <param name="Online">True when frames flow.</param>
/// <param name="Reason">Why it is offline, worded for a technician (credentials removed); null when online.</param>
/// <param name="Since">
/// Online: when the first frame arrived. Offline: when the last frame arrived, or when the failure was
/// noticed if no frame ever arrived in that run.
/// </param>
public sealed record CameraHealth(string CameraId, bool Online, string? Reason, DateTimeOffset Since);
