using Microsoft.Extensions.Options;

namespace Hall.Staff;

/// <summary>What annotations cannot say: a strong bootstrap password.</summary>
public sealed class StaffOptionsSemanticValidator : IValidateOptions<StaffOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BootstrapAdminPassword is { } password && SecretRules.PasswordProblem(password, StaffDirectory.BootstrapAdminId) is { } problem)
        {
            failures.Add($"Staff:BootstrapAdminPassword is too weak: {problem}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
