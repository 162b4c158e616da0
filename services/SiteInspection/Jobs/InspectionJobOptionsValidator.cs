using Microsoft.Extensions.Options;

namespace Hall.SiteInspection.Jobs;

/// <summary>Checks SiteInspection:Jobs at start; each message names the key to fix.</summary>
public sealed class InspectionJobOptionsValidator : IValidateOptions<InspectionJobOptions>
{
    public ValidateOptionsResult Validate(string? name, InspectionJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.MaxAttempts is < 1 or > 20)
        {
            errors.Add($"{InspectionJobOptions.Section}:MaxAttempts must be 1–20; it is {options.MaxAttempts}.");
        }

        if (options.RetryDelay < TimeSpan.Zero)
        {
            errors.Add($"{InspectionJobOptions.Section}:RetryDelay must not be negative; it is {options.RetryDelay}.");
        }

        if (options.JobTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{InspectionJobOptions.Section}:JobTimeout must be above 00:00:00; it is {options.JobTimeout}.");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            errors.Add($"{InspectionJobOptions.Section}:PollInterval must be above 00:00:00; it is {options.PollInterval}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
