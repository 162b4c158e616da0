using Hall.Evaluation.Domain;

namespace Hall.Evaluation.Tests;

/// <summary>The follow-up state machine on its own: steps in order, appeals, the one re-rating, overdue marks.</summary>
public sealed class BadReviewCaseTests
{
    private static readonly DateTimeOffset Opened = new(2026, 9, 30, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly BadReviewCase Case = new BadReviewCase
    {
        CaseId = "C-20260930-A012",
        RatingId = "R-20260930-A012",
        ServiceId = "20260930-A012",
        TicketNo = "A012",
        Counter = "3",
        Level = 2,
        OpenedAt = Opened,
        CallbackDue = new DateTimeOffset(2026, 10, 9, 0, 0, 0, TimeSpan.FromHours(8)),
        RectifyDue = new DateTimeOffset(2026, 10, 28, 0, 0, 0, TimeSpan.FromHours(8)),
    }.Opened(Opened);

    [Fact]
    public void Open_then_called_back_then_rectified_then_closed_records_who_and_when()
    {
        var calledBack = Case.CallBack("dm", "已电话回访,群众反映等候过久", Opened.AddHours(1)).Case!;
        var rectified = calledBack.Rectify("dm", "增开综合窗口,高峰时段弹性排班", Opened.AddDays(2)).Case!;
        var closed = rectified.Close("dm", null, Opened.AddDays(3)).Case!;

        Assert.Equal(CaseState.Closed, closed.State);
        Assert.Equal([CaseActions.Open, CaseActions.CallBack, CaseActions.Rectify, CaseActions.Close], closed.Steps.Select(s => s.Action));
        Assert.Equal("dm", closed.Steps[1].Who);
        Assert.Equal(Opened.AddHours(1), closed.Steps[1].At);
        Assert.Equal(CaseState.Open, closed.Steps[1].From);
        Assert.Equal(CaseState.CalledBack, closed.Steps[1].To);
    }

    [Fact]
    public void Steps_out_of_order_are_refused_and_change_nothing()
    {
        var rectify = Case.Rectify("dm", "整改", Opened);
        Assert.Equal(ErrorCodes.CaseState, rectify.Error?.Code);
        Assert.Null(rectify.Case);
        Assert.Equal(ErrorCodes.CaseState, Case.Close("dm", null, Opened).Error?.Code);
        Assert.Equal(ErrorCodes.MissingField, Case.CallBack("dm", " ", Opened).Error?.Code);
        Assert.Equal(ErrorCodes.MissingField, Case.CallBack("", "回访", Opened).Error?.Code);
        Assert.Equal(CaseState.Open, Case.State);
    }

    [Fact]
    public void An_accepted_appeal_ends_the_case()
    {
        var appealed = Case.AppealAs("dm", "malicious", "群众误操作后表示满意", Opened.AddHours(1)).Case!;
        Assert.Equal(CaseState.Appealed, appealed.State);
        Assert.Equal(AppealKind.Malicious, appealed.Appeal);

        var accepted = appealed.DecideAppeal("county-op-1", accept: true, "核实为误评", Opened.AddDays(1)).Case!;
        Assert.Equal(CaseState.AppealAccepted, accepted.State);
        Assert.Equal("county-op-1", accepted.Steps[^1].Who);
        Assert.Equal(ErrorCodes.CaseState, accepted.CallBack("dm", "回访", Opened.AddDays(2)).Error?.Code);
    }

    [Fact]
    public void A_rejected_appeal_returns_the_case_where_it_was_and_cannot_be_repeated()
    {
        var calledBack = Case.CallBack("dm", "已回访", Opened.AddHours(1)).Case!;
        var appealed = calledBack.AppealAs("dm", "mistaken", "群众按错键", Opened.AddHours(2)).Case!;
        Assert.Equal(ErrorCodes.CaseState, appealed.Rectify("dm", "整改", Opened.AddHours(3)).Error?.Code);

        var rejected = appealed.DecideAppeal("county-op-1", accept: false, "录音显示确有等候过久", Opened.AddDays(1)).Case!;
        Assert.Equal(CaseState.CalledBack, rejected.State);
        Assert.Equal(ErrorCodes.CaseState, rejected.AppealAs("dm", "mistaken", "再申诉", Opened.AddDays(1)).Error?.Code);
        Assert.Equal(ErrorCodes.InvalidField, Case.AppealAs("dm", "unhappy", "x", Opened).Error?.Code);
    }

    [Fact]
    public void After_rectification_the_person_may_rate_once_more()
    {
        Assert.Equal(ErrorCodes.CaseState, Case.ReRate("R-20260930-A012-2", 5, "person", Opened).Error?.Code);

        var rectified = Case.CallBack("dm", "已回访", Opened).Case!.Rectify("dm", "已整改", Opened.AddDays(1)).Case!;
        var reRated = rectified.ReRate("R-20260930-A012-2", 4, "person", Opened.AddDays(2)).Case!;
        Assert.Equal(4, reRated.ReRatingLevel);
        Assert.Equal(CaseState.Rectified, reRated.State);

        Assert.Equal(ErrorCodes.AlreadyRated, reRated.ReRate("R-20260930-A012-3", 5, "person", Opened.AddDays(3)).Error?.Code);
        var closed = reRated.Close("dm", null, Opened.AddDays(3)).Case!;
        Assert.Equal(ErrorCodes.AlreadyRated, closed.ReRate("R-20260930-A012-3", 5, "person", Opened.AddDays(3)).Error?.Code);
    }

    [Fact]
    public void Each_overdue_step_is_reported_once_and_not_while_appealed()
    {
        Assert.Empty(Case.OverdueAt(Case.CallbackDue));
        Assert.Equal([CaseActions.CallBackOverdue], Case.OverdueAt(Case.CallbackDue.AddSeconds(1)));

        var marked = Case.MarkOverdue(CaseActions.CallBackOverdue, Case.CallbackDue.AddSeconds(1));
        Assert.Empty(marked.OverdueAt(Case.CallbackDue.AddDays(1)));
        Assert.Equal([CaseActions.RectifyOverdue], marked.OverdueAt(Case.RectifyDue.AddSeconds(1)));

        var appealed = Case.AppealAs("dm", "mistaken", "误评", Opened).Case!;
        Assert.Empty(appealed.OverdueAt(Case.RectifyDue.AddDays(1)));
    }
}
