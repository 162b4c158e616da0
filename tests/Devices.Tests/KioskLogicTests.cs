using System.Text.Json;
using Hall.Contract;
using Hall.Devices.Client;
using Hall.Devices.Gpio;
using Hall.Devices.TicketKiosk;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Devices.Tests;

public sealed class KioskLogicTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 3, 1, 0, 0, TimeSpan.Zero));
    private readonly KioskLogic _logic;

    public KioskLogicTests()
    {
        _logic = new KioskLogic(_time);
        _logic.OnConnectionChanged(true);
    }

    [Fact]
    public void A_category_button_asks_for_a_ticket_of_that_category()
    {
        var request = _logic.Press("B")!;

        using var json = JsonDocument.Parse(HallJson.Serialize(request));
        Assert.Equal("B", json.RootElement.GetProperty("category").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("requestId").GetString()));
        Assert.Equal(_time.GetUtcNow(), json.RootElement.GetProperty("ts").GetDateTimeOffset());
    }

    [Fact]
    public void A_ticket_reply_becomes_a_print_job()
    {
        var request = _logic.Press("A")!;

        var outcome = _logic.OnReply(TicketReply(request.RequestId!));

        Assert.True(outcome.ShouldPrint);
        Assert.Equal("A012", outcome.Ticket!.TicketNo);
        Assert.Equal(3, outcome.Ticket.WaitingAhead);
        Assert.Null(outcome.Error);
    }

    [Fact]
    public void An_error_reply_prints_nothing_and_flashes_the_error_led()
    {
        var request = _logic.Press("C")!;

        var outcome = _logic.OnReply(Replies.Error("ticket", request.RequestId!, ErrorCodes.CategoryClosed, "该业务今日已停止取号"));

        Assert.False(outcome.ShouldPrint);
        Assert.Equal(ErrorCodes.CategoryClosed, outcome.Error!.Code);
        Assert.Equal(LedMode.ErrorFlash, _logic.Indicator.Error);
        Assert.NotNull(_logic.Press("A"));
    }

    [Fact]
    public void No_answer_prints_nothing()
    {
        var request = _logic.Press("A")!;

        var outcome = _logic.OnReply(DeviceReply.NoReply("ticket", request.RequestId!, "Not connected to the box."));

        Assert.False(outcome.ShouldPrint);
        Assert.Equal(DeviceReply.NoReplyCode, outcome.Error!.Code);
    }

    [Fact]
    public void Presses_while_a_ticket_is_printing_are_ignored()
    {
        var request = _logic.Press("A")!;
        _logic.OnReply(TicketReply(request.RequestId!));

        Assert.Null(_logic.Press("A"));
        Assert.Equal(LedMode.On, _logic.Indicator.Error);

        _logic.OnPrinted(printed: true);
        Assert.Equal((LedMode.On, LedMode.Off), _logic.Indicator);
        Assert.NotNull(_logic.Press("A"));
    }

    [Fact]
    public void A_failed_print_flashes_the_error_led()
    {
        var request = _logic.Press("A")!;
        _logic.OnReply(TicketReply(request.RequestId!));

        _logic.OnPrinted(printed: false);

        Assert.Equal(LedMode.ErrorFlash, _logic.Indicator.Error);
    }

    [Fact]
    public void A_late_reply_to_an_old_request_prints_nothing()
    {
        var old = _logic.Press("A")!;
        _logic.OnReply(DeviceReply.NoReply("ticket", old.RequestId!, "late"));
        _logic.Press("A");

        var outcome = _logic.OnReply(TicketReply(old.RequestId!));

        Assert.False(outcome.ShouldPrint);
    }

    [Fact]
    public void Offline_kiosk_issues_nothing_and_blinks_ready()
    {
        _logic.OnConnectionChanged(false);

        Assert.Null(_logic.Press("A"));
        Assert.Equal(LedMode.SlowBlink, _logic.Indicator.Ready);
    }

    private DeviceReply TicketReply(string requestId) => Replies.Of("ticket", new TicketReply
    {
        RequestId = requestId,
        Ts = _time.GetLocalNow(),
        TicketNo = "A012",
        Category = "A",
        CategoryName = "公民类",
        WaitingAhead = 3,
        EstimatedWaitMinutes = 15,
        IssuedAt = _time.GetLocalNow(),
        Qr = "http://box/t/A012",
    });
}
