using Hall.Contract.Settings;
using Xunit;

namespace Hall.Staff.Tests;

public sealed class StaffOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new StaffOptionsValidator().Validate(null, new StaffOptions()).Succeeded);
        Assert.True(new StaffOptionsSemanticValidator().Validate(null, new StaffOptions()).Succeeded);
    }

    [Fact]
    public void A_weak_bootstrap_password_stops_the_box_naming_the_key()
    {
        var result = new StaffOptionsSemanticValidator().Validate(null, new StaffOptions { BootstrapAdminPassword = "admin" });

        Assert.True(result.Failed);
        Assert.Contains("Staff:BootstrapAdminPassword", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_lockout_and_too_few_failures_are_refused()
    {
        Assert.True(new StaffOptionsValidator().Validate(null, new StaffOptions { Lockout = TimeSpan.Zero }).Failed);
        Assert.True(new StaffOptionsValidator().Validate(null, new StaffOptions { MaxFailures = 0 }).Failed);
    }

    [Fact]
    public void A_bad_value_is_named_by_its_full_key()
    {
        var validator = new SectionValidator<StaffOptions>(StaffOptions.Section, new StaffOptionsValidator(), new StaffOptionsSemanticValidator());

        var result = validator.Validate(null, new StaffOptions { AdminSession = TimeSpan.FromSeconds(5), HashIterations = 1 });

        Assert.Contains(result.Failures!, f => f.Contains("Staff:AdminSession must be between 00:01:00 and 1.00:00:00", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Staff:HashIterations must be between 1000 and 10000000", StringComparison.Ordinal));
    }
}
