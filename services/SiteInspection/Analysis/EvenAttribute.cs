using System.ComponentModel.DataAnnotations;

namespace Hall.SiteInspection.Analysis;

/// <summary>An even number of pixels (ffmpeg's 4:2:0 output needs even sizes).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class EvenAttribute : ValidationAttribute
{
    public EvenAttribute()
        : base("{0} must be even.")
    {
    }

    public override bool IsValid(object? value) => value is not int number || number % 2 == 0;
}
