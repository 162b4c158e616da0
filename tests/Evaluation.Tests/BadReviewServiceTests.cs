using System.Text.Json;
using Hall.Evaluation.Domain;

namespace Hall.Evaluation.Tests;

/// <summary>Bad reviews through the service: the case and its deadlines across National Day, the steps, overdue alerts, restart.</summary>
public sealed class BadReviewServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly EvaluationFixture _hall = new();
    private EvaluationService _service = null!;

    public async Task InitializeAsync() => _service = await _hall.CreateServiceAsync();

    public async Task DisposeAsync() => await _hall.DisposeAsync();

    [Fact]
    public async Task A_bad_review_on_the_eve_of_national_day_is_due_after_the_holiday()
    {
        var caseId = await BadReviewAsync("A012");

        var opened = _service.GetCase(caseId)!;
        Assert.Equal(CaseState.Open, opened.State);
        Assert.Equal(["long-wait"], opened.Reasons);
        // Call-back within 1 working day: 10-01..10-07 off, so by the end of Thu 10-08.
        Assert.Equal(new DateTimeOffset(2026, 10, 9, 0, 0, 0, China), opened.CallbackDue);
        // Rectify within 15 working days, Saturday 10-10 worked (调休): by the end of Tue 10-27.
        Assert.Equal(new DateTimeOffset(2026, 10, 28, 0, 0, 0, China), opened.RectifyDue);

        await _hall.SettledAsync();
        var alert = Assert.Single(_hall.Publisher.Of<AlertMessage>(Topics.Alert("h1")));
        Assert.Equal("bad-review", alert.Type);
        Assert.Equal("3", alert.Counter);
        Assert.Contains("2026-10-08", alert.Message, StringComparison.Ordinal);
        Assert.Contains("2026-10-27", alert.Message, StringComparison.Ordinal);
        var step = JsonDocument.Parse(Assert.Single(_hall.Outbox("BadReviewCase"))).RootElement;
        Assert.Equal("open", step.GetProperty("step").GetProperty("action").GetString());
    }

    [Fact]
    public async Task Deadlines_follow_the_countys_settings()
    {
        var county = await _hall.CreateServiceAsync(o =>
        {
            o.CallbackWorkingDays = 5;
            o.RectifyWorkingDays = 7;
        });
        await _hall.FinishAsync(county, "A020", "3");
        var reply = Assert.IsType<RatingReply>(await county.RateByQrAsync("A020", new RatingRequest { Level = 1, Reasons = ["attitude"] }, default));

        var opened = county.GetCase(reply.CaseId!)!;
        // 5 working days: 10-08, 10-09, 10-10 (worked Saturday), 10-12, 10-13. 7: then 10-14, 10-15.
        Assert.Equal(new DateTimeOffset(2026, 10, 14, 0, 0, 0, China), opened.CallbackDue);
        Assert.Equal(new DateTimeOffset(2026, 10, 16, 0, 0, 0, China), opened.RectifyDue);
    }

    [Fact]
    public async Task Called_back_rectified_re_rated_once_and_closed_with_every_step_reported()
    {
        var caseId = await BadReviewAsync("A012");

        var skipped = await _service.RectifyAsync(caseId, "dm", "整改");
        Assert.Equal(ErrorCodes.CaseState, skipped.Error?.Code);

        Assert.Null((await _service.CallBackAsync(caseId, "dm", "已电话回访,群众反映等候过久")).Error);
        var early = Assert.IsType<ErrorReply>(await _service.ReRateAsync(caseId, null, new RatingRequest { Level = 5 }, default));
        Assert.Equal(ErrorCodes.CaseState, early.Error.Code);

        Assert.Null((await _service.RectifyAsync(caseId, "dm", "高峰时段增开综合窗口")).Error);
        var reRating = Assert.IsType<RatingReply>(await _service.ReRateAsync(caseId, null, new RatingRequest { RequestId = "rr1", Level = 4 }, default));
        Assert.Equal(RatingChannels.Web, reRating.Channel);
        var twice = Assert.IsType<ErrorReply>(await _service.ReRateAsync(caseId, "dm", new RatingRequest { RequestId = "rr2", Level = 5 }, default));
        Assert.Equal(ErrorCodes.AlreadyRated, twice.Error.Code);

        var closed = await _service.CloseAsync(caseId, "dm");
        Assert.Equal(CaseState.Closed, closed.Case?.State);
        Assert.Equal(4, closed.Case?.ReRatingLevel);

        var actions = _hall.Outbox("BadReviewCase").Select(r => JsonDocument.Parse(r).RootElement.GetProperty("step").GetProperty("action").GetString());
        Assert.Equal(["open", "call-back", "rectify", "re-rated", "close"], actions);
        var reRated = JsonDocument.Parse(_hall.Outbox("RatingAccepted")[^1]).RootElement;
        Assert.Equal("R-20260930-A012", reRated.GetProperty("reRatingOf").GetString());
        Assert.Equal(2, _hall.Scalar("SELECT count(*) FROM evaluation_ratings"));
        await _hall.SettledAsync();
        Assert.Single(_hall.Publisher.Of<AlertMessage>(Topics.Alert("h1")));
    }

    [Fact]
    public async Task An_appeal_is_accepted_or_rejected_by_the_county()
    {
        var accepted = await BadReviewAsync("A012");
        var rejected = await BadReviewAsync("A013");

        Assert.Equal(CaseState.Appealed, (await _service.AppealAsync(accepted, "dm", "malicious", "同一人连续恶意差评")).Case?.State);
        Assert.Equal(CaseState.AppealAccepted, (await _service.DecideAppealAsync(accepted, "county-op", accept: true, "核实属实")).Case?.State);

        Assert.Null((await _service.CallBackAsync(rejected, "dm", "已回访")).Error);
        Assert.Null((await _service.AppealAsync(rejected, "dm", "mistaken", "群众称按错")).Error);
        var back = await _service.DecideAppealAsync(rejected, "county-op", accept: false, "录音显示确有问题");
        Assert.Equal(CaseState.CalledBack, back.Case?.State);
        Assert.Equal(ErrorCodes.CaseState, (await _service.AppealAsync(rejected, "dm", "mistaken", "再次申诉")).Error?.Code);
        Assert.Equal(ErrorCodes.UnknownCase, (await _service.CallBackAsync("C-nope", "dm", "x")).Error?.Code);

        Assert.Single(_service.ListCases(new CaseFilter { State = CaseState.AppealAccepted }));
        Assert.Equal(2, _service.ListCases().Count);
    }

    [Fact]
    public async Task An_overdue_call_back_raises_one_bad_review_alert()
    {
        var caseId = await BadReviewAsync("A012");
        await _hall.SettledAsync();
        var before = _hall.Publisher.Of<AlertMessage>(Topics.Alert("h1")).Count;

        _hall.Time.Advance(TimeSpan.FromDays(3)); // 10-03, a holiday: the call-back is due by the end of 10-08
        Assert.Empty(await _service.CheckOverdueAsync());

        _hall.Time.SetUtcNow(new DateTimeOffset(2026, 10, 9, 0, 0, 1, China));
        var raised = Assert.Single(await _service.CheckOverdueAsync());
        Assert.Empty(await _service.CheckOverdueAsync());

        Assert.Equal("bad-review", raised.Type);
        Assert.Contains("回访已超期", raised.Message, StringComparison.Ordinal);
        await _hall.SettledAsync();
        Assert.Equal(before + 1, _hall.Publisher.Of<AlertMessage>(Topics.Alert("h1")).Count);
        Assert.Equal(2, _hall.Outbox("AlertRaised").Count);
        Assert.Single(_service.ListCases(new CaseFilter { OverdueOnly = true }));

        // Called back late: nothing more until the rectification deadline passes.
        await _service.CallBackAsync(caseId, "dm", "已回访");
        Assert.Empty(await _service.CheckOverdueAsync());
        _hall.Time.SetUtcNow(new DateTimeOffset(2026, 10, 28, 0, 0, 1, China));
        Assert.Contains("整改已超期", Assert.Single(await _service.CheckOverdueAsync()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restart_keeps_cases_and_their_deadlines()
    {
        var caseId = await BadReviewAsync("A012");
        await _hall.StopAsync(_service);

        var restarted = await _hall.CreateServiceAsync();
        var kept = restarted.GetCase(caseId)!;
        Assert.Equal(new DateTimeOffset(2026, 10, 9, 0, 0, 0, China), kept.CallbackDue);
        Assert.Equal(CaseState.CalledBack, (await restarted.CallBackAsync(caseId, "dm", "已回访")).Case?.State);
        Assert.Equal(2, restarted.GetCase(caseId)!.Steps.Count);
    }

    private async Task<string> BadReviewAsync(string ticketNo)
    {
        await _hall.FinishAsync(_service, ticketNo, "3");
        var reply = await _service.HandleRatingAsync(EvaluationFixture.Evaluator("3"), new RatingRequest { RequestId = "bad-" + ticketNo, TicketNo = ticketNo, Level = 2, Reasons = ["排队等候时间长"] }, default);
        return Assert.IsType<RatingReply>(reply).CaseId!;
    }
}
