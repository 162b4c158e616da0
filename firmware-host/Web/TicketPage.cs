using Hall.Contract;

namespace Hall.FirmwareHost.Web;

/// <summary>The phone page behind a ticket's QR code, in Chinese, refreshing itself.</summary>
public static class TicketPage
{
    /// <summary>For a ticket that is not today's or a link without its key (a 404).</summary>
    public static string Expired { get; } = Load("ticket-expired.html");

    /// <summary>ticket.html, .css and .js.</summary>
    public static string Html { get; } = Load("ticket.html");

    private static string Load(string name) => PageFiles.Load(typeof(TicketPage).Assembly, name);
}
