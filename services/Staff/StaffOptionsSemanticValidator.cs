using Microsoft.Extensions.Options;

namespace Hall.Staff;

/// <summary>What annotations cannot say: sensible durations and a strong bootstrap password.</summary>
public sealed class StaffOptionsSemanticValidator : IValidateOptions<StaffOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Lockout <= TimeSpan.Zero || options.Lockout > TimeSpan.FromDays(1))
        {
            failures.Add($"Staff:Lockout is {options.Lockout}; use a duration above zero and at most one day (e.g. 00:15:00).");
        }

        if (options.AdminSession < TimeSpan.FromMinutes(1) || options.AdminSession > TimeSpan.FromDays(1))
        {
            failures.Add($"Staff:AdminSession is {options.AdminSession}; use one minute to one day (e.g. 00:30:00).");
        }

        if (options.BootstrapAdminPassword is { } password && SecretRules.PasswordProblem(password, StaffDirectory.BootstrapAdminId) is { } problem)
        {
            failures.Add($"Staff:BootstrapAdminPassword is too weak: {problem}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
