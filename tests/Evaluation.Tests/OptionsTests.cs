using Hall.Contract.Settings;

namespace Hall.Evaluation.Tests;

/// <summary>Bad settings are found at start, with the key to fix.</summary>
public sealed class OptionsTests
{
    private static readonly SectionValidator<EvaluationOptions> Validator = new(EvaluationOptions.Section, new EvaluationOptionsValidator(), new EvaluationOptionsSemanticValidator());

    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new EvaluationOptions();
        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.Equal(TimeSpan.FromMinutes(2), options.RatingWindow);
        Assert.Equal(1, options.CallbackWorkingDays);
        Assert.Equal(15, options.RectifyWorkingDays);
        Assert.NotEmpty(options.Reasons);
    }

    [Fact]
    public void A_rectification_shorter_than_the_call_back_is_refused()
    {
        var result = Validator.Validate(null, new EvaluationOptions { CallbackWorkingDays = 5, RectifyWorkingDays = 3 });
        Assert.Contains("Evaluation:RectifyWorkingDays", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Reasons_need_unique_codes_and_words()
    {
        var result = Validator.Validate(null, new EvaluationOptions
        {
            ReasonList = [new() { Code = "slow", Text = "慢" }, new() { Code = "slow", Text = "" }],
        });
        Assert.Contains("listed twice", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Evaluation:ReasonList:1:Text", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_of_a_second_is_refused()
    {
        Assert.False(Validator.Validate(null, new EvaluationOptions { RatingWindow = TimeSpan.FromSeconds(1) }).Succeeded);
    }

    [Fact]
    public void A_bad_value_is_named_by_its_full_key()
    {
        var result = Validator.Validate(null, new EvaluationOptions
        {
            RatingWindow = TimeSpan.FromDays(2),
            ReasonList = [new() { Code = "slow", Text = "慢" }, new() { Code = "two words", Text = "x" }],
        });

        Assert.Contains(result.Failures!, f => f.Contains("Evaluation:RatingWindow must be between 00:00:10 and 1.00:00:00", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Evaluation:ReasonList:1:Code is required, without spaces", StringComparison.Ordinal));
    }
}
