using System.ComponentModel.DataAnnotations;

namespace Hall.CounterMonitor.Rules;

/// <summary>Hall-local opening hours that <see cref="OpeningHours.TryParse"/> reads, e.g. 08:30-12:00,14:00-17:30.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class OpeningHoursTextAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return OpeningHours.TryParse(value as string, out _, out var error)
            ? ValidationResult.Success
            : new ValidationResult($"{validationContext.DisplayName}: {error} (hall-local, e.g. 08:30-12:00,14:00-17:30).", validationContext.MemberName is { } member ? [member] : null);
    }
}
