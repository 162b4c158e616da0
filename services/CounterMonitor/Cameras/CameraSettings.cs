using System.ComponentModel.DataAnnotations;

namespace Hall.CounterMonitor.Cameras;

/// <summary>A camera as written in the settings file (CounterMonitor:Cameras:N:*).</summary>
public sealed class CameraSettings
{
    [RegularExpression(@"^\s*[A-Za-z0-9_-]{1,32}\s*$", ErrorMessage = "{0} must be 1–32 letters, digits, '-' or '_' (e.g. cam-3).")]
    public string Id { get; set; } = string.Empty;

    [CameraSource]
    public string Source { get; set; } = string.Empty;

    /// <summary>counter or waiting-area.</summary>
    [RegularExpression(@"^\s*(?i:counter|waiting-area|waitingarea|waiting)?\s*$", ErrorMessage = "{0} must be counter or waiting-area.")]
    public string Role { get; set; } = "counter";

    public string? Counter { get; set; }

    [Range(0.2, 10)]
    public double SampleRate { get; set; } = 2;

    [Range(1, 10)]
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
