using System.ComponentModel.DataAnnotations;

namespace Hall.CounterMonitor.Cameras;

/// <summary>A camera source the box can read: an RTSP (or other known scheme) URL, or a video file.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class CameraSourceAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return CameraDefinition.SourceProblem(value as string) is { } problem
            ? new ValidationResult($"{validationContext.DisplayName}: {problem}.", validationContext.MemberName is { } member ? [member] : null)
            : ValidationResult.Success;
    }
}
