using Hall.Contract.Settings;

namespace Hall.Assessment.Tests;

/// <summary>Bad settings are found at start, with the key to fix.</summary>
public sealed class OptionsTests
{
    private static readonly SectionValidator<AssessmentOptions> Validator = new(AssessmentOptions.Section, new AssessmentOptionsValidator());

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(Validator.Validate(null, new AssessmentOptions()).Succeeded);
    }

    [Fact]
    public void A_bad_value_is_named_by_its_full_key()
    {
        var result = Validator.Validate(null, new AssessmentOptions { HallName = " ", CheckInterval = TimeSpan.FromDays(1) });

        Assert.Contains(result.Failures!, f => f.StartsWith("Assessment:HallName (or Box:HallName) must name the hall", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Assessment:CheckInterval must be between 00:00:01 and 06:00:00", StringComparison.Ordinal));
    }
}
