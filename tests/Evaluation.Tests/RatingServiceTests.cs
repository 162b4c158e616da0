using System.Text.Json;
using Hall.Evaluation.Domain;

namespace Hall.Evaluation.Tests;

/// <summary>Ratings through the service over a real SQLite file: the refusals, timeouts, idempotency, channels.</summary>
public sealed class RatingServiceTests : IAsyncLifetime
{
    private readonly EvaluationFixture _hall = new();
    private EvaluationService _service = null!;

    private static string EvaluateTopic(string counter) => Topics.CounterEvaluate("h1", counter);

    public async Task InitializeAsync() => _service = await _hall.CreateServiceAsync();

    public async Task DisposeAsync() => await _hall.DisposeAsync();

    [Fact]
    public async Task Finish_lights_the_counters_evaluator_until_the_window_ends()
    {
        await _hall.FinishAsync(_service, "A012", "3");

        await _hall.SettledAsync();
        var evaluate = Assert.Single(_hall.Publisher.Of<EvaluateMessage>(EvaluateTopic("3")));
        Assert.True(evaluate.Active);
        Assert.Equal("A012", evaluate.TicketNo);
        Assert.Equal("王芳", evaluate.StaffName);
        Assert.Equal("城乡居民基本养老保险参保登记", evaluate.ServiceItemName);
        Assert.Equal(EvaluationFixture.BeforeNationalDay.AddMinutes(2), evaluate.Until);
        await _hall.SettledAsync();
        Assert.DoesNotContain(_hall.Publisher.Published, p => p.Retain);
        Assert.Equal("A012", _service.GetPendingEvaluation("3")?.TicketNo);
        Assert.Null(_service.GetPendingEvaluation("2"));
    }

    [Fact]
    public async Task Evaluator_rating_is_accepted_once_and_a_second_is_refused_as_already_rated()
    {
        await _hall.FinishAsync(_service, "A012", "3");

        var first = Assert.IsType<RatingReply>(await _service.HandleRatingAsync(EvaluationFixture.Evaluator("3"), new RatingRequest { RequestId = "r1", TicketNo = "A012", Level = 5 }, default));
        Assert.Equal(RatingChannels.Evaluator, first.Channel);
        Assert.Null(first.CaseId);

        var second = Assert.IsType<ErrorReply>(await _service.HandleRatingAsync(EvaluationFixture.Evaluator("3"), new RatingRequest { RequestId = "r2", TicketNo = "A012", Level = 1, Reasons = ["attitude"] }, default));
        Assert.Equal(ErrorCodes.AlreadyRated, second.Error.Code);
        Assert.Equal(1, _hall.Scalar("SELECT count(*) FROM evaluation_ratings"));
        Assert.Equal(0, _hall.Scalar("SELECT count(*) FROM evaluation_cases"));

        // The evaluator went dark once rated.
        await _hall.SettledAsync();
        Assert.False(_hall.Publisher.Of<EvaluateMessage>(EvaluateTopic("3"))[^1].Active);
        Assert.False(_service.IsAwaitingRating("3"));
    }

    [Fact]
    public async Task Another_counters_evaluator_is_refused_and_nothing_is_recorded()
    {
        await _hall.FinishAsync(_service, "A012", "3");

        var reply = Assert.IsType<ErrorReply>(await _service.HandleRatingAsync(EvaluationFixture.Evaluator("2"), new RatingRequest { RequestId = "r1", TicketNo = "A012", Level = 5 }, default));

        Assert.Equal(ErrorCodes.NotThisCounter, reply.Error.Code);
        Assert.Equal("r1", reply.RequestId);
        Assert.Equal(0, _hall.Scalar("SELECT count(*) FROM evaluation_ratings"));
        Assert.True(_service.IsAwaitingRating("3"));
    }

    [Fact]
    public async Task A_device_that_is_not_an_evaluator_may_not_rate()
    {
        await _hall.FinishAsync(_service, "A012", "3");
        var caller = new DeviceIdentity("caller-3", DeviceRole.Caller, "3");

        var reply = Assert.IsType<ErrorReply>(await _service.HandleRatingAsync(caller, new RatingRequest { RequestId = "r1", TicketNo = "A012", Level = 5 }, default));

        Assert.Equal(ErrorCodes.NotAllowed, reply.Error.Code);
    }

    [Fact]
    public async Task After_the_window_the_rating_is_refused_and_the_service_is_recorded_as_not_rated_never_as_good()
    {
        await _hall.FinishAsync(_service, "A012", "3");
        _hall.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        var late = Assert.IsType<ErrorReply>(await _service.HandleRatingAsync(EvaluationFixture.Evaluator("3"), new RatingRequest { RequestId = "r1", TicketNo = "A012", Level = 5 }, default));
        Assert.Equal(ErrorCodes.RatingWindowClosed, late.Error.Code);
        Assert.False(_service.IsAwaitingRating("3"));

        Assert.Equal(1, await _service.CloseExpiredWindowsAsync());
        Assert.Equal(0, await _service.CloseExpiredWindowsAsync());

        Assert.Equal(0, _hall.Scalar("SELECT count(*) FROM evaluation_ratings"));
        Assert.Equal(1, _hall.Scalar("SELECT count(*) FROM evaluation_windows WHERE state = 'timed-out' AND rating_id IS NULL"));
        var notRated = JsonDocument.Parse(Assert.Single(_hall.Outbox("RatingTimedOut"))).RootElement;
        Assert.Equal("not-rated", notRated.GetProperty("result").GetString());
        Assert.False(notRated.TryGetProperty("level", out _));
        Assert.Empty(_hall.Outbox("RatingAccepted"));
        await _hall.SettledAsync();
        Assert.False(_hall.Publisher.Of<EvaluateMessage>(EvaluateTopic("3"))[^1].Active);

        // The QR code is no way around it.
        var qr = Assert.IsType<ErrorReply>(await _service.RateByQrAsync("A012", new RatingRequest { Level = 5 }, default));
        Assert.Equal(ErrorCodes.RatingWindowClosed, qr.Error.Code);
    }

    [Fact]
    public async Task A_bad_review_without_a_reason_is_refused_with_the_list()
    {
        await _hall.FinishAsync(_service, "A012", "3");

        var reply = Assert.IsType<ErrorReply>(await _service.HandleRatingAsync(EvaluationFixture.Evaluator("3"), new RatingRequest { RequestId = "r1", TicketNo = "A012", Level = 2 }, default));

        Assert.Equal(ErrorCodes.ReasonsRequired, reply.Error.Code);
        Assert.Contains("服务态度不好", reply.Error.Message, StringComparison.Ordinal);
        Assert.True(_service.IsAwaitingRating("3"));
        var bad = Assert.IsType<ErrorReply>(await _service.HandleRatingAsync(EvaluationFixture.Evaluator("3"), new RatingRequest { RequestId = "r2", TicketNo = "A012", Level = 7 }, default));
        Assert.Equal(ErrorCodes.InvalidLevel, bad.Error.Code);
    }

    [Fact]
    public async Task A_repeated_request_id_returns_the_first_answer_and_rates_once()
    {
        await _hall.FinishAsync(_service, "A012", "3");
        var request = new RatingRequest { RequestId = "r1", TicketNo = "A012", Level = 2, Reasons = ["slow"] };

        var first = Assert.IsType<RatingReply>(await _service.HandleRatingAsync(EvaluationFixture.Evaluator("3"), request, default));
        var again = Assert.IsType<RatingReply>(await _service.HandleRatingAsync(EvaluationFixture.Evaluator("3"), request, default));

        Assert.Equal(first, again);
        Assert.Equal(1, _hall.Scalar("SELECT count(*) FROM evaluation_ratings"));
        Assert.Equal(1, _hall.Scalar("SELECT count(*) FROM evaluation_cases"));
        Assert.Single(_hall.Outbox("RatingAccepted"));
    }

    [Fact]
    public async Task The_evaluator_without_a_ticket_number_rates_the_service_waiting_at_its_counter()
    {
        await _hall.FinishAsync(_service, "A012", "3");

        var reply = Assert.IsType<RatingReply>(await _service.HandleRatingAsync(EvaluationFixture.Evaluator("3"), new RatingRequest { RequestId = "r1", Level = 4 }, default));

        Assert.Equal("A012", reply.TicketNo);
    }

    [Fact]
    public async Task The_tickets_qr_code_rates_once()
    {
        await _hall.FinishAsync(_service, "A012", "3");

        var first = Assert.IsType<RatingReply>(await _service.RateByQrAsync("A012", new RatingRequest { Level = 5 }, default));
        var second = Assert.IsType<ErrorReply>(await _service.RateByQrAsync("A012", new RatingRequest { Level = 5 }, default));

        Assert.Equal(RatingChannels.Qr, first.Channel);
        Assert.Equal(ErrorCodes.AlreadyRated, second.Error.Code);
        var unknown = Assert.IsType<ErrorReply>(await _service.RateByQrAsync("B001", new RatingRequest { Level = 5 }, default));
        Assert.Equal(ErrorCodes.UnknownTicket, unknown.Error.Code);
    }

    [Fact]
    public async Task The_counters_tablet_rates_only_its_own_counter()
    {
        await _hall.FinishAsync(_service, "A012", "3");

        var other = Assert.IsType<ErrorReply>(await _service.RateByTabletAsync(new DeviceIdentity("tablet-4", DeviceRole.Evaluator, "4"), new RatingRequest { TicketNo = "A012", Level = 5 }, default));
        var own = Assert.IsType<RatingReply>(await _service.RateByTabletAsync(new DeviceIdentity("tablet-3", DeviceRole.Evaluator, "3"), new RatingRequest { Level = 5 }, default));

        Assert.Equal(ErrorCodes.NotThisCounter, other.Error.Code);
        Assert.Equal(RatingChannels.Tablet, own.Channel);
    }

    [Fact]
    public async Task A_staff_entry_is_marked_on_whose_behalf_and_counter_staff_only_enter_for_their_counter()
    {
        await _hall.FinishAsync(_service, "A012", "3");
        await _hall.FinishAsync(_service, "A013", "4", staffId: "s4");

        var otherCounter = Assert.IsType<ErrorReply>(await _service.RateByStaffAsync("s4", "4", new RatingRequest { TicketNo = "A012", Level = 5 }, default));
        var unknown = Assert.IsType<ErrorReply>(await _service.RateByStaffAsync("nobody", "3", new RatingRequest { TicketNo = "A012", Level = 5 }, default));
        var own = Assert.IsType<RatingReply>(await _service.RateByStaffAsync("s3", "3", new RatingRequest { TicketNo = "A012", Level = 5 }, default));
        var manager = Assert.IsType<RatingReply>(await _service.RateByStaffAsync("dm", null, new RatingRequest { TicketNo = "A013", Level = 4 }, default));

        Assert.Equal(ErrorCodes.NotThisCounter, otherCounter.Error.Code);
        Assert.Equal(ErrorCodes.UnknownStaff, unknown.Error.Code);
        Assert.Equal(RatingChannels.StaffEntry, own.Channel);
        Assert.Equal(RatingChannels.StaffEntry, manager.Channel);
        var records = _hall.Outbox("RatingAccepted").Select(r => JsonDocument.Parse(r).RootElement).ToList();
        Assert.Equal(["s3", "dm"], records.Select(r => r.GetProperty("onBehalfBy").GetString()));
    }

    [Fact]
    public async Task The_next_call_waits_for_the_rating_only_where_the_hall_asks_for_it()
    {
        var strict = await _hall.CreateServiceAsync(o => o.RequireRatingBeforeNext = true);
        await _hall.FinishAsync(strict, "A012", "3");

        Assert.True(strict.MustWaitForRating("3"));
        Assert.False(_service.MustWaitForRating("3"));
        Assert.True(_service.IsAwaitingRating("3"));
        Assert.False(strict.MustWaitForRating("2"));

        _hall.Time.Advance(TimeSpan.FromMinutes(3));
        Assert.False(strict.MustWaitForRating("3"));
    }

    [Fact]
    public async Task Outbox_rows_never_hold_the_persons_name_or_phone_in_clear()
    {
        var realName = await _hall.CreateServiceAsync(o => o.RealNameRating = true);
        await _hall.FinishAsync(realName, "A012", "3");

        var reply = await realName.HandleRatingAsync(
            EvaluationFixture.Evaluator("3"),
            new RatingRequest { RequestId = "r1", TicketNo = "A012", Level = 1, Reasons = ["attitude"], Comment = "请打 13812345678 回访", PersonName = "张三丰", PersonPhone = "13812345678" },
            default);
        var caseId = Assert.IsType<RatingReply>(reply).CaseId!;
        await realName.CallBackAsync(caseId, "dm", "已回访张三丰");

        var rating = JsonDocument.Parse(Assert.Single(_hall.Outbox("RatingAccepted"))).RootElement;
        Assert.Equal("张**", rating.GetProperty("personName").GetString());
        Assert.Equal("138****5678", rating.GetProperty("personPhone").GetString());
        Assert.Equal("王芳", rating.GetProperty("staffName").GetString());
        Assert.Equal("A-SB-001", rating.GetProperty("serviceItem").GetString());
        Assert.Equal("人力资源和社会保障所", rating.GetProperty("department").GetString());
        Assert.Equal("BJ2026093000012", rating.GetProperty("caseNumber").GetString());

        using var connection = _hall.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(payload, '') FROM outbox";
        var everything = (string)command.ExecuteScalar()!;
        Assert.DoesNotContain("13812345678", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("张三丰\"", everything, StringComparison.Ordinal);
        Assert.Equal("张**", realName.GetCase(caseId)!.PersonName);
        Assert.Equal("已回访张**", realName.GetCase(caseId)!.Steps[^1].Note);

        // Without real-name rating the name and phone are not even kept.
        await _hall.FinishAsync(_service, "A013", "3");
        await _service.RateByQrAsync("A013", new RatingRequest { Level = 5, PersonName = "李四", PersonPhone = "13900000000" }, default);
        Assert.Equal(0, _hall.Scalar("SELECT count(*) FROM evaluation_ratings WHERE ticket_no = 'A013' AND (person_name IS NOT NULL OR person_phone IS NOT NULL)"));
    }

    [Fact]
    public async Task A_restart_keeps_open_windows()
    {
        await _hall.FinishAsync(_service, "A012", "3");
        await _hall.StopAsync(_service);

        var restarted = await _hall.CreateServiceAsync();
        Assert.True(restarted.IsAwaitingRating("3"));
        await restarted.RestoreRetainedAsync();
        await _hall.SettledAsync();
        Assert.Equal(2, _hall.Publisher.Of<EvaluateMessage>(EvaluateTopic("3")).Count(m => m.Active));

        var reply = Assert.IsType<RatingReply>(await restarted.HandleRatingAsync(EvaluationFixture.Evaluator("3"), new RatingRequest { RequestId = "r1", TicketNo = "A012", Level = 5 }, default));
        Assert.Equal("A012", reply.TicketNo);
    }
}
