using System.Globalization;
using Hall.CounterMonitor.Cameras;
using Microsoft.Extensions.Options;

namespace Hall.CounterMonitor;

/// <summary>What annotations cannot say: the restart backoff in order, a counter for each counter camera, each camera id once.</summary>
public sealed class CounterMonitorOptionsSemanticValidator : IValidateOptions<CounterMonitorOptions>
{
    public ValidateOptionsResult Validate(string? name, CounterMonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.RestartBackoffMax < options.RestartBackoffMin)
        {
            errors.Add($"CounterMonitor:RestartBackoffMax ({options.RestartBackoffMax}) must not be below CounterMonitor:RestartBackoffMin ({options.RestartBackoffMin}).");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Cameras.Count; i++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"CounterMonitor:Cameras:{i}");
            var camera = options.Cameras[i].ToDefinition();
            if (camera.Role == CameraRole.Counter && string.IsNullOrWhiteSpace(camera.Counter))
            {
                errors.Add($"{key}:Counter is required for a counter camera.");
            }

            if (!string.IsNullOrWhiteSpace(camera.Id) && !ids.Add(camera.Id))
            {
                errors.Add($"{key}:Id '{camera.Id}' is listed twice.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
