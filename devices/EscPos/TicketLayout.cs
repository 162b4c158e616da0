using System.Globalization;
using Hall.Contract;

namespace Hall.Devices.EscPos;

/// <summary>
/// The printed hall ticket: hall name, the big ticket number, category, how many wait ahead and how long,
/// when it was issued, the QR code of the ticket's page, and a footer.
/// </summary>
public sealed class TicketLayout
{
    private readonly TicketLayoutOptions _options;

    public TicketLayout(TicketLayoutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Writes the ticket's commands to <paramref name="printer"/>; the caller flushes.</summary>
    public void Print(EscPosPrinter printer, TicketReply ticket)
    {
        ArgumentNullException.ThrowIfNull(printer);
        ArgumentNullException.ThrowIfNull(ticket);

        printer.Initialize();
        printer.SetChineseMode(true);
        printer.SetAlignment(EscPosAlignment.Center);

        printer.SetBold(true);
        printer.SetSize(1, 2);
        printer.PrintLine(_options.HallName);
        printer.SetBold(false);
        printer.SetSize(1, 1);
        printer.PrintLine(ticket.Reprint ? "排队号（补打）" : "排队号");
        printer.LineFeed();

        printer.SetBold(true);
        printer.SetSize(4, 4);
        printer.PrintLine(ticket.TicketNo);
        printer.SetSize(2, 2);
        printer.PrintLine(ticket.CategoryName ?? ticket.Category);
        printer.SetBold(false);
        if (PriorityLabel(ticket.Priority) is { } label)
        {
            printer.PrintLine($"【{label}】");
        }

        printer.SetSize(1, 1);
        printer.LineFeed();
        printer.PrintLine(string.Create(CultureInfo.InvariantCulture, $"前面还有 {ticket.WaitingAhead} 人"));
        printer.PrintLine(string.Create(CultureInfo.InvariantCulture, $"预计等待 {ticket.EstimatedWaitMinutes} 分钟"));

        // The box sends the hall's local time with its offset; print it as the hall reads its clock.
        printer.PrintLine("取号时间 " + ticket.IssuedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));

        if (!string.IsNullOrEmpty(ticket.Qr))
        {
            printer.LineFeed();
            printer.PrintRasterImage(QrCodeImage.Render(ticket.Qr, _options.QrModuleDots, _options.PaperWidthDots));
            printer.PrintLine(_options.QrCaption);
        }

        printer.LineFeed();
        printer.PrintLine(_options.Footer);
        printer.SetChineseMode(false);
        printer.FeedAndCut(0);
    }

    /// <summary>The ticket as the bytes sent to the printer.</summary>
    public byte[] Render(TicketReply ticket)
    {
        using var buffer = new MemoryStream();
        using (var printer = new EscPosPrinter(buffer, shouldDispose: false))
        {
            Print(printer, ticket);
            printer.Flush();
        }

        return buffer.ToArray();
    }

    private static string? PriorityLabel(string? priority) => priority switch
    {
        null or "" => null,
        "green" => "绿色通道",
        "assisted" => "帮办代办",
        "elderly" => "老年人优先",
        "appointment" => "预约",
        _ => priority,
    };
}
