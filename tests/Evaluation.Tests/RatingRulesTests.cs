using Hall.Evaluation.Domain;

namespace Hall.Evaluation.Tests;

/// <summary>The rating rules on their own: window, counter, one rating per service, levels and reasons.</summary>
public sealed class RatingRulesTests
{
    private static readonly DateTimeOffset Finished = new(2026, 9, 30, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly IReadOnlyList<RatingReasonOption> Reasons = EvaluationOptions.DefaultReasons;

    private static readonly RatingWindow Window = new()
    {
        ServiceId = "20260930-A012",
        TicketNo = "A012",
        Counter = "3",
        FinishedAt = Finished,
        Until = Finished.AddMinutes(2),
    };

    [Fact]
    public void A_rating_within_the_window_from_the_counters_evaluator_is_accepted()
    {
        Assert.Null(RatingRules.Check(Window, new RatingAttempt(RatingChannels.Evaluator, "3", 5, null, null), Finished.AddMinutes(2), Reasons, out _));
    }

    [Fact]
    public void After_the_window_the_rating_is_refused_as_window_closed()
    {
        var error = RatingRules.Check(Window, new RatingAttempt(RatingChannels.Evaluator, "3", 5, null, null), Finished.AddMinutes(2).AddSeconds(1), Reasons, out _);
        Assert.Equal(ErrorCodes.RatingWindowClosed, error?.Code);

        var timedOut = Window with { State = RatingWindowState.TimedOut };
        Assert.Equal(ErrorCodes.RatingWindowClosed, RatingRules.Check(timedOut, new RatingAttempt(RatingChannels.Qr, null, 5, null, null), Finished, Reasons, out _)?.Code);
    }

    [Fact]
    public void Another_counters_evaluator_or_tablet_is_refused_but_the_tickets_qr_code_is_not()
    {
        Assert.Equal(ErrorCodes.NotThisCounter, RatingRules.Check(Window, new RatingAttempt(RatingChannels.Evaluator, "2", 5, null, null), Finished, Reasons, out _)?.Code);
        Assert.Equal(ErrorCodes.NotThisCounter, RatingRules.Check(Window, new RatingAttempt(RatingChannels.Tablet, "4", 5, null, null), Finished, Reasons, out _)?.Code);
        Assert.Null(RatingRules.Check(Window, new RatingAttempt(RatingChannels.Qr, null, 5, null, null), Finished, Reasons, out _));
    }

    [Fact]
    public void A_rated_service_is_refused_as_already_rated_even_within_the_window()
    {
        var rated = Window with { State = RatingWindowState.Rated, RatingId = "R-20260930-A012" };
        Assert.Equal(ErrorCodes.AlreadyRated, RatingRules.Check(rated, new RatingAttempt(RatingChannels.Evaluator, "3", 4, null, null), Finished, Reasons, out _)?.Code);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_bad_review_needs_a_reason_from_the_list(int level)
    {
        Assert.Equal(ErrorCodes.ReasonsRequired, RatingRules.CheckChoice(level, null, null, Reasons, out _)?.Code);
        Assert.Equal(ErrorCodes.InvalidField, RatingRules.CheckChoice(level, ["太慢了吧"], null, Reasons, out _)?.Code);
        Assert.Null(RatingRules.CheckChoice(level, ["slow", "服务态度不好"], null, Reasons, out var codes));
        Assert.Equal(["slow", "attitude"], codes);
    }

    [Fact]
    public void An_evaluator_without_reason_keys_may_leave_the_reason_to_the_call_back_and_nobody_else_may()
    {
        Assert.Null(RatingRules.Check(Window, new RatingAttempt(RatingChannels.Evaluator, "3", 2, ["未说明"], null), Finished, Reasons, out var codes));
        Assert.Equal(["unspecified"], codes);
        Assert.Equal(ErrorCodes.InvalidField, RatingRules.Check(Window, new RatingAttempt(RatingChannels.Tablet, "3", 2, ["未说明"], null), Finished, Reasons, out _)?.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void A_level_outside_one_to_five_is_refused(int level)
    {
        Assert.Equal(ErrorCodes.InvalidLevel, RatingRules.CheckChoice(level, null, null, Reasons, out _)?.Code);
    }

    [Fact]
    public void Levels_three_to_five_need_no_reason()
    {
        Assert.Null(RatingRules.CheckChoice(3, null, null, Reasons, out _));
        Assert.Equal(ErrorCodes.MissingField, RatingRules.CheckChoice(null, null, null, Reasons, out _)?.Code);
    }

    [Fact]
    public void Personal_data_is_masked()
    {
        Assert.Equal("张**", PersonalData.MaskName("张三丰"));
        Assert.Equal("138****5678", PersonalData.MaskPhone("138-1234-5678"));
        Assert.Equal("请回电 ***********", PersonalData.MaskDigitRuns("请回电 13812345678"));
    }
}
