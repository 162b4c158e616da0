using System.ComponentModel.DataAnnotations;

namespace Hall.SiteInspection.Upload;

/// <summary>An absolute path: the box runs as a service, and its working folder is nobody's choice.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class FullPathAttribute : ValidationAttribute
{
    public FullPathAttribute()
        : base("{0} must be an absolute path.")
    {
    }

    public override bool IsValid(object? value) => value is string path && !string.IsNullOrWhiteSpace(path) && Path.IsPathFullyQualified(path);
}
