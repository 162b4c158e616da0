using System.Text.Json;
using Hall.Contract;
using Hall.Devices.Client;
using Hall.Devices.Evaluator;
using Hall.Devices.Gpio;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Devices.Tests;

public sealed class EvaluatorLogicTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 3, 1, 0, 0, TimeSpan.Zero));
    private readonly EvaluatorLogic _logic;
    private int _changes;

    public EvaluatorLogicTests()
    {
        _logic = new EvaluatorLogic("3", _time, TimeSpan.FromSeconds(3));
        _logic.Changed += (_, _) => _changes++;
    }

    public void Dispose() => _logic.Dispose();

    [Fact]
    public void Starts_dark_and_keys_do_nothing()
    {
        Assert.Equal(EvaluatorIndicator.Dark, _logic.Indicator);
        Assert.Null(_logic.Press(5));
    }

    [Fact]
    public void An_evaluate_message_for_its_counter_lights_the_keys()
    {
        var indicator = _logic.OnEvaluate(Ask("A012"));

        Assert.Equal(new EvaluatorIndicator(LedMode.On, LedMode.Off, LedMode.Off), indicator);
        Assert.Equal("A012", _logic.TicketNo);
    }

    [Fact]
    public void A_message_for_another_counter_is_ignored()
    {
        _logic.OnEvaluate(Ask("A012", counter: "4"));

        Assert.Equal(EvaluatorState.Dark, _logic.State);
        Assert.Null(_logic.Press(5));
    }

    [Fact]
    public void A_message_whose_window_already_closed_is_ignored()
    {
        _logic.OnEvaluate(Ask("A012") with { Until = _time.GetUtcNow() });

        Assert.Equal(EvaluatorState.Dark, _logic.State);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(4)]
    [InlineData(3)]
    public void A_good_rating_is_sent_without_reasons(int level)
    {
        _logic.OnEvaluate(Ask("A012"));

        var request = _logic.Press(level)!;

        using var json = JsonDocument.Parse(HallJson.Serialize(request));
        var root = json.RootElement;
        Assert.Equal("A012", root.GetProperty("ticketNo").GetString());
        Assert.Equal(level, root.GetProperty("level").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("requestId").GetString()));
        Assert.Equal(_time.GetUtcNow(), root.GetProperty("ts").GetDateTimeOffset());
        Assert.False(root.TryGetProperty("reasons", out _));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public void A_bad_rating_carries_the_unspecified_reason(int level)
    {
        _logic.OnEvaluate(Ask("A012"));

        var request = _logic.Press(level)!;

        Assert.Equal(["未说明"], request.Reasons);
    }

    [Fact]
    public void Exactly_one_rating_per_lit_period()
    {
        _logic.OnEvaluate(Ask("A012"));

        var first = _logic.Press(5);
        var second = _logic.Press(1);
        var third = _logic.Press(5);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Null(third);
    }

    [Fact]
    public void A_repeat_of_the_message_for_a_rated_ticket_does_not_light_it_again()
    {
        _logic.OnEvaluate(Ask("A012"));
        var request = _logic.Press(4)!;
        _logic.OnReply(Accepted(request));
        _time.Advance(TimeSpan.FromSeconds(3));

        _logic.OnEvaluate(Ask("A012")); // a retained message delivered again after a reconnect

        Assert.Equal(EvaluatorState.Dark, _logic.State);
        Assert.Null(_logic.Press(4));
    }

    [Fact]
    public void Goes_dark_when_the_window_closes_without_a_press()
    {
        _logic.OnEvaluate(Ask("A012"));

        _time.Advance(Window - TimeSpan.FromSeconds(1));
        Assert.Equal(EvaluatorState.Asking, _logic.State);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(EvaluatorIndicator.Dark, _logic.Indicator);
        Assert.Equal(1, _changes);
        Assert.Null(_logic.Press(5));
    }

    [Fact]
    public void Active_false_for_the_asked_ticket_goes_dark()
    {
        _logic.OnEvaluate(Ask("A012"));

        _logic.OnEvaluate(Ask("A012") with { Active = false });

        Assert.Equal(EvaluatorState.Dark, _logic.State);
    }

    [Fact]
    public void Active_false_after_the_press_still_lets_the_answer_show()
    {
        // The box closes the window as it accepts the rating, often before its answer arrives.
        _logic.OnEvaluate(Ask("A012"));
        var request = _logic.Press(5)!;

        _logic.OnEvaluate(Ask("A012") with { Active = false });
        var indicator = _logic.OnReply(Accepted(request));

        Assert.Equal(new EvaluatorIndicator(LedMode.Off, LedMode.SlowBlink, LedMode.Off), indicator);
    }

    [Fact]
    public void Accepted_rating_blinks_green_then_goes_dark()
    {
        _logic.OnEvaluate(Ask("A012"));
        var request = _logic.Press(5)!;

        var indicator = _logic.OnReply(Accepted(request));

        Assert.Equal(new EvaluatorIndicator(LedMode.Off, LedMode.SlowBlink, LedMode.Off), indicator);
        _time.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(EvaluatorState.Thanked, _logic.State);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(EvaluatorIndicator.Dark, _logic.Indicator);
    }

    [Fact]
    public void Refused_rating_flashes_red_then_goes_dark()
    {
        _logic.OnEvaluate(Ask("A012"));
        var request = _logic.Press(2)!;

        var indicator = _logic.OnReply(Replies.Error("rating", request.RequestId!, ErrorCodes.InvalidField, "评价原因不在本厅的列表中"));

        Assert.Equal(new EvaluatorIndicator(LedMode.Off, LedMode.Off, LedMode.ErrorFlash), indicator);
        Assert.Null(_logic.Press(2)); // no second try in the same period
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(EvaluatorState.Dark, _logic.State);
    }

    [Fact]
    public void No_answer_in_time_shows_an_error()
    {
        _logic.OnEvaluate(Ask("A012"));
        var request = _logic.Press(5)!;

        var indicator = _logic.OnReply(DeviceReply.NoReply("rating", request.RequestId!, "The box did not answer in time."));

        Assert.Equal(LedMode.ErrorFlash, indicator.Error);
    }

    [Fact]
    public void The_window_closing_while_the_rating_is_in_flight_does_not_lose_the_answer()
    {
        _logic.OnEvaluate(Ask("A012"));
        var request = _logic.Press(5)!;

        _time.Advance(Window);
        Assert.Equal(EvaluatorState.Sending, _logic.State);

        _logic.OnReply(Accepted(request));
        Assert.Equal(EvaluatorState.Thanked, _logic.State);
    }

    [Fact]
    public void A_reply_to_another_request_changes_nothing()
    {
        _logic.OnEvaluate(Ask("A012"));
        _logic.Press(5);

        _logic.OnReply(Replies.Error("rating", "someone-else", ErrorCodes.InvalidField, "x"));

        Assert.Equal(EvaluatorState.Sending, _logic.State);
    }

    [Fact]
    public void The_next_service_lights_it_again_even_while_thanks_still_shows()
    {
        _logic.OnEvaluate(Ask("A012"));
        _logic.OnReply(Accepted(_logic.Press(5)!));

        _logic.OnEvaluate(Ask("A013"));

        Assert.Equal(EvaluatorState.Asking, _logic.State);
        Assert.Equal("A013", _logic.Press(3)!.TicketNo);
    }

    private EvaluateMessage Ask(string ticketNo, string counter = "3") => new()
    {
        Ts = _time.GetLocalNow(),
        TicketNo = ticketNo,
        Counter = counter,
        StaffId = "s1",
        StaffName = "张三",
        Until = _time.GetUtcNow() + Window,
    };

    private DeviceReply Accepted(RatingRequest request) => Replies.Of("rating", new RatingReply
    {
        RequestId = request.RequestId,
        Ts = _time.GetLocalNow(),
        RatingId = "r1",
        TicketNo = request.TicketNo!,
        Level = request.Level!.Value,
        Channel = "device",
    });
}
