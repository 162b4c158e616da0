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
        Assert.True(new StaffOptionsSemanticValidator().Validate(null, new StaffOptions { Lockout = TimeSpan.Zero }).Failed);
        Assert.True(new StaffOptionsValidator().Validate(null, new StaffOptions { MaxFailures = 0 }).Failed);
    }
}
