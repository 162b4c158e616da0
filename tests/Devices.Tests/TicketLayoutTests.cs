using Hall.Contract;
using Hall.Devices.EscPos;

namespace Hall.Devices.Tests;

public sealed class TicketLayoutTests
{
    private static readonly TicketLayout Layout = new(new TicketLayoutOptions { HallName = "城关镇便民服务中心" });

    private static TicketReply Ticket(string? qr = "http://192.168.10.2/t/A012", string? priority = null) => new()
    {
        RequestId = "r1",
        Ts = new DateTimeOffset(2025, 3, 3, 9, 15, 0, TimeSpan.FromHours(8)),
        TicketNo = "A012",
        Category = "A",
        CategoryName = "公民类",
        WaitingAhead = 3,
        EstimatedWaitMinutes = 15,
        IssuedAt = new DateTimeOffset(2025, 3, 3, 9, 15, 0, TimeSpan.FromHours(8)),
        Qr = qr,
        Priority = priority,
    };

    [Fact]
    public void Ticket_starts_with_init_and_ends_with_a_cut()
    {
        var bytes = Layout.Render(Ticket());

        Assert.Equal([0x1B, 0x40], bytes[..2]);
        Assert.Equal([0x1D, 0x56, 0x42, 0x00], bytes[^4..]);
    }

    [Fact]
    public void Ticket_number_is_printed_big()
    {
        var bytes = Layout.Render(Ticket());

        // GS ! 0x33 (4×4), FS ! 0x0C, then the number and a line feed.
        byte[] big = [0x1D, 0x21, 0x33, 0x1C, 0x21, 0x0C, .. "A012"u8, 0x0A];
        Assert.True(Contains(bytes, big), "the ticket number should follow the 4×4 size command");
    }

    [Fact]
    public void Ticket_shows_hall_category_wait_and_time_in_GB18030()
    {
        var bytes = Layout.Render(Ticket());

        foreach (var text in new[] { "城关镇便民服务中心", "公民类", "前面还有 3 人", "预计等待 15 分钟", "取号时间 2025-03-03 09:15", "请留意叫号，过号请重新取号" })
        {
            Assert.True(Contains(bytes, EscPosPrinter.ChineseEncoding.GetBytes(text)), $"missing: {text}");
        }
    }

    [Fact]
    public void Ticket_carries_the_QR_raster_of_the_reply()
    {
        var withQr = Layout.Render(Ticket());
        var withoutQr = Layout.Render(Ticket(qr: null));

        Assert.True(Contains(withQr, [0x1D, 0x76, 0x30, 0x00]));
        Assert.False(Contains(withoutQr, [0x1D, 0x76, 0x30, 0x00]));
        Assert.False(Contains(withoutQr, EscPosPrinter.ChineseEncoding.GetBytes("扫码")));
    }

    [Fact]
    public void Priority_ticket_is_marked()
    {
        var bytes = Layout.Render(Ticket(priority: "green"));

        Assert.True(Contains(bytes, EscPosPrinter.ChineseEncoding.GetBytes("【绿色通道】")));
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
