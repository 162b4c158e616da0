using System.Text.Json;
using Hall.Contract;
using Hall.Devices.CallerKeypad;
using Hall.Devices.Client;
using Hall.Devices.Gpio;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Devices.Tests;

public sealed class KeypadLogicTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 3, 1, 0, 0, TimeSpan.Zero));
    private readonly KeypadLogic _logic;

    public KeypadLogicTests()
    {
        _logic = new KeypadLogic(_time);
        _logic.OnConnectionChanged(true);
    }

    [Theory]
    [InlineData(KeypadButton.Next, "next")]
    [InlineData(KeypadButton.Recall, "recall")]
    [InlineData(KeypadButton.Skip, "skip")]
    [InlineData(KeypadButton.PauseResume, "pause")]
    [InlineData(KeypadButton.Finish, "finish")]
    public void Each_key_sends_the_contract_command(KeypadButton button, string cmd)
    {
        var request = _logic.Press(button)!;

        using var json = JsonDocument.Parse(HallJson.Serialize(request));
        var root = json.RootElement;
        Assert.Equal(cmd, root.GetProperty("cmd").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("requestId").GetString()));
        Assert.Equal(_time.GetUtcNow(), root.GetProperty("ts").GetDateTimeOffset());
        Assert.Equal(3, root.EnumerateObject().Count()); // requestId, ts, cmd and nothing else
    }

    [Fact]
    public void Every_command_has_its_own_request_id()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 100; i++)
        {
            var request = _logic.Press(KeypadButton.Next)!;
            Assert.True(ids.Add(request.RequestId!));
            _logic.OnReply(StateReply(request.RequestId!, "open"));
        }
    }

    [Fact]
    public void A_double_tap_while_waiting_for_the_box_sends_one_command()
    {
        var first = _logic.Press(KeypadButton.Next);
        var second = _logic.Press(KeypadButton.Next);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(LedMode.On, _logic.Indicator.Status);
    }

    [Fact]
    public void Keys_do_nothing_while_offline()
    {
        _logic.OnConnectionChanged(false);

        Assert.Null(_logic.Press(KeypadButton.Next));
        Assert.Equal(new KeypadIndicator(LedMode.Off, LedMode.SlowBlink), _logic.Indicator);
    }

    [Fact]
    public void An_error_reply_flashes_the_red_led_and_frees_the_keypad()
    {
        var request = _logic.Press(KeypadButton.Next)!;

        var indicator = _logic.OnReply(Replies.Error("counter", request.RequestId!, ErrorCodes.NoWaitingTicket, "没有等候的号"));

        Assert.Equal(new KeypadIndicator(LedMode.On, LedMode.ErrorFlash), indicator);
        Assert.NotNull(_logic.Press(KeypadButton.Next));
    }

    [Fact]
    public void No_reply_in_time_also_shows_an_error()
    {
        var request = _logic.Press(KeypadButton.Recall)!;

        var indicator = _logic.OnReply(DeviceReply.NoReply("counter", request.RequestId!, "The box did not answer in time."));

        Assert.Equal(LedMode.ErrorFlash, indicator.Status);
    }

    [Fact]
    public void A_good_reply_clears_the_error()
    {
        var bad = _logic.Press(KeypadButton.Skip)!;
        _logic.OnReply(Replies.Error("counter", bad.RequestId!, ErrorCodes.SkipTooEarly, "太早"));
        var good = _logic.Press(KeypadButton.Next)!;

        var indicator = _logic.OnReply(StateReply(good.RequestId!, "open"));

        Assert.Equal(new KeypadIndicator(LedMode.On, LedMode.Off), indicator);
    }

    [Fact]
    public void Pause_key_toggles_with_the_counter_state()
    {
        var pause = _logic.Press(KeypadButton.PauseResume)!;
        Assert.Equal("pause", pause.Cmd);
        var indicator = _logic.OnReply(StateReply(pause.RequestId!, "paused"));
        Assert.Equal(LedMode.SlowBlink, indicator.Ready);

        var resume = _logic.Press(KeypadButton.PauseResume)!;
        Assert.Equal("resume", resume.Cmd);
        _logic.OnReply(StateReply(resume.RequestId!, "open"));

        Assert.Equal("pause", _logic.Press(KeypadButton.PauseResume)!.Cmd);
    }

    [Fact]
    public void Counter_paused_error_teaches_the_key_to_resume()
    {
        var pause = _logic.Press(KeypadButton.PauseResume)!;
        _logic.OnReply(Replies.Error("counter", pause.RequestId!, ErrorCodes.CounterPaused, "窗口已暂停"));

        Assert.Equal("resume", _logic.Press(KeypadButton.PauseResume)!.Cmd);
    }

    [Fact]
    public void A_reply_to_another_request_changes_nothing()
    {
        _logic.Press(KeypadButton.Next);

        _logic.OnReply(Replies.Error("counter", "someone-else", ErrorCodes.CounterBusy, "x"));

        Assert.True(_logic.IsBusy);
        Assert.Equal(LedMode.On, _logic.Indicator.Status);
    }

    private DeviceReply StateReply(string requestId, string status) => Replies.Of("counter", new CounterStateMessage
    {
        RequestId = requestId,
        Ts = _time.GetLocalNow(),
        Counter = "3",
        Status = status,
        Since = _time.GetLocalNow(),
    });
}
