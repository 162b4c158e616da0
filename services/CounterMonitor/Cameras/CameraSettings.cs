namespace Hall.CounterMonitor.Cameras;

/// <summary>A camera as written in the settings file (CounterMonitor:Cameras:N:*).</summary>
public sealed class CameraSettings
{
    public string Id { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;

    /// <summary>counter or waiting-area.</summary>
    public string Role { get; set; } = "counter";

    public string? Counter { get; set; }

    public double SampleRate { get; set; } = 2;

    public int MaxPeople { get; set; } = 1;

    public bool Enabled { get; set; } = true;

    public static bool TryParseRole(string? text, out CameraRole role)
    {
        role = CameraRole.Counter;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "counter":
                return true;
            case "waiting-area" or "waitingarea" or "waiting":
                role = CameraRole.WaitingArea;
                return true;
            default:
                return false;
        }
    }

    public CameraDefinition ToDefinition()
    {
        _ = TryParseRole(Role, out var role);
        return new CameraDefinition
        {
            Id = Id.Trim(),
            Source = Source.Trim(),
            Role = role,
            Counter = string.IsNullOrWhiteSpace(Counter) ? null : Counter.Trim(),
            SampleRate = SampleRate,
            MaxPeople = MaxPeople,
            Enabled = Enabled,
            FromSettings = true,
        };
    }
}
