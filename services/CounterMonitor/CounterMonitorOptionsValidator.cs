using System.Globalization;
using Hall.CounterMonitor.Cameras;
using Hall.CounterMonitor.Rules;
using Microsoft.Extensions.Options;

namespace Hall.CounterMonitor;

/// <summary>Checks the CounterMonitor settings at start (and on reload); each message names the key to fix.</summary>
public sealed class CounterMonitorOptionsValidator : IValidateOptions<CounterMonitorOptions>
{
    public ValidateOptionsResult Validate(string? name, CounterMonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.SamplesToFlip is < 1 or > 50)
        {
            errors.Add($"CounterMonitor:SamplesToFlip must be 1–50; it is {options.SamplesToFlip}.");
        }

        if (double.IsNaN(options.MinFaceScore) || options.MinFaceScore is < 0.5 or > 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"CounterMonitor:MinFaceScore must be 0.5–1 (the model reports nothing below 0.5); it is {options.MinFaceScore}."));
        }

        Positive(errors, "CounterMonitor:AbsentAfter", options.AbsentAfter);
        Positive(errors, "CounterMonitor:UnattendedAfter", options.UnattendedAfter);
        Positive(errors, "CounterMonitor:ExtraPeopleAfter", options.ExtraPeopleAfter);
        Positive(errors, "CounterMonitor:CrowdingAfter", options.CrowdingAfter);
        Positive(errors, "CounterMonitor:NoFrameTimeout", options.NoFrameTimeout);
        Positive(errors, "CounterMonitor:RestartBackoffMin", options.RestartBackoffMin);
        Positive(errors, "CounterMonitor:SnapshotRetention", options.SnapshotRetention);
        Positive(errors, "CounterMonitor:CheckInterval", options.CheckInterval);
        if (options.RestartBackoffMax < options.RestartBackoffMin)
        {
            errors.Add($"CounterMonitor:RestartBackoffMax ({options.RestartBackoffMax}) must not be below CounterMonitor:RestartBackoffMin ({options.RestartBackoffMin}).");
        }

        if (options.CrowdingFaces < 1)
        {
            errors.Add($"CounterMonitor:CrowdingFaces must be at least 1; it is {options.CrowdingFaces}.");
        }

        if (double.IsNaN(options.CrowdingWaitingPerCounter) || options.CrowdingWaitingPerCounter <= 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"CounterMonitor:CrowdingWaitingPerCounter must be above 0; it is {options.CrowdingWaitingPerCounter}."));
        }

        if (options.InferenceQueue is < 1 or > 10_000)
        {
            errors.Add($"CounterMonitor:InferenceQueue must be 1–10000; it is {options.InferenceQueue}.");
        }

        if (!OpeningHours.TryParse(options.OpeningHours, out _, out var hoursError))
        {
            errors.Add($"CounterMonitor:OpeningHours: {hoursError} (hall-local, e.g. 08:30-12:00,14:00-17:30).");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Cameras.Count; i++)
        {
            var settings = options.Cameras[i];
            var key = string.Create(CultureInfo.InvariantCulture, $"CounterMonitor:Cameras:{i}");
            if (!CameraSettings.TryParseRole(settings.Role, out _))
            {
                errors.Add($"{key}:Role '{settings.Role}' must be counter or waiting-area.");
            }

            var camera = settings.ToDefinition();
            errors.AddRange(camera.Problems().Select(p => $"{key}: {p}."));
            if (!string.IsNullOrWhiteSpace(camera.Id) && !ids.Add(camera.Id))
            {
                errors.Add($"{key}:Id '{camera.Id}' is listed twice.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} must be above 00:00:00; it is {value}.");
        }
    }
}
