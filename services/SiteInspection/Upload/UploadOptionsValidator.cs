using Microsoft.Extensions.Options;

namespace Hall.SiteInspection.Upload;

/// <summary>Checks SiteInspection:Upload at start; each message names the key to fix.</summary>
public sealed class UploadOptionsValidator : IValidateOptions<UploadOptions>
{
    public ValidateOptionsResult Validate(string? name, UploadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Directory) || !Path.IsPathFullyQualified(options.Directory))
        {
            errors.Add($"{UploadOptions.Section}:Directory must be an absolute path; it is '{options.Directory}'.");
        }

        if (options.MaxSize < 1)
        {
            errors.Add($"{UploadOptions.Section}:MaxSize must be at least 1 byte; it is {options.MaxSize}.");
        }

        if (options.FreeSpaceReserve < 0)
        {
            errors.Add($"{UploadOptions.Section}:FreeSpaceReserve must not be negative; it is {options.FreeSpaceReserve}.");
        }

        if (options.AbandonAfter <= TimeSpan.Zero)
        {
            errors.Add($"{UploadOptions.Section}:AbandonAfter must be above 00:00:00; it is {options.AbandonAfter}.");
        }

        if (options.PurgeInterval <= TimeSpan.Zero)
        {
            errors.Add($"{UploadOptions.Section}:PurgeInterval must be above 00:00:00; it is {options.PurgeInterval}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
