using System.ComponentModel.DataAnnotations;
using Hall.Queue.Domain;

namespace Hall.Queue;

/// <summary>An "O:P" interleave rule (see <see cref="InterleaveRule"/>); empty is allowed and means the hall default.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class InterleaveAttribute : ValidationAttribute
{
    public InterleaveAttribute()
        : base("{0} must be \"O:P\" (ordinary then priority calls, 0–99 each, not both 0), e.g. 2:1.")
    {
    }

    public override bool IsValid(object? value) => value is not string text || string.IsNullOrWhiteSpace(text) || InterleaveRule.TryParse(text, out _);
}
