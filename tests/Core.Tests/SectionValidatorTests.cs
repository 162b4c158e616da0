using Hall.Contract.Settings;
using Microsoft.Extensions.Options;

namespace Hall.Core.Tests;

/// <summary>A section's failures name the key as it is written in settings, list items by their index.</summary>
public sealed class SectionValidatorTests
{
    [Fact]
    public void A_generated_path_becomes_the_settings_key()
    {
        // What a generated validator writes when given the section as its name.
        var inner = new Fixed(name => [$"Categories: The field {name}.Counters[2].Categories must be a string or array type with a minimum length of '1'."]);

        var result = new SectionValidator<object>("Queue", inner).Validate(null, new object());

        Assert.Equal("The field Queue:Counters:2:Categories must be a string or array type with a minimum length of '1'.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void A_nested_section_keeps_its_colons_and_hand_written_keys_are_left_alone()
    {
        var inner = new Fixed(name => [$"MaxAttempts: The field {name}.MaxAttempts must be between 1 and 20.", "SiteInspection:Jobs:RetryDelay (00:01:00) must be shorter than the timeout."]);

        var result = new SectionValidator<object>("SiteInspection:Jobs", inner).Validate(null, new object());

        Assert.Equal(
            ["The field SiteInspection:Jobs:MaxAttempts must be between 1 and 20.", "SiteInspection:Jobs:RetryDelay (00:01:00) must be shorter than the timeout."],
            result.Failures!);
    }

    [Fact]
    public void Every_validator_runs_and_success_is_success()
    {
        var calls = 0;
        var ok = new Fixed(_ =>
        {
            calls++;
            return [];
        });

        Assert.True(new SectionValidator<object>("Box", ok, ok).Validate(null, new object()).Succeeded);
        Assert.Equal(2, calls);
    }

    private sealed class Fixed(Func<string?, string[]> failures) : IValidateOptions<object>
    {
        public ValidateOptionsResult Validate(string? name, object options)
        {
            var list = failures(name);
            return list.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(list);
        }
    }
}
