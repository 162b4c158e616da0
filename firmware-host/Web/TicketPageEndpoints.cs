using Hall.FirmwareHost.Access;
using Hall.Contract;
using Hall.Queue;

namespace Hall.FirmwareHost.Web;

/// <summary>
/// The page a ticket's QR code opens on a phone: where the ticket stands now. Only with the key
/// printed in the code, and only for today's tickets.
/// </summary>
public static class TicketPageEndpoints
{
    public static void MapTicketPage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/t/{ticketNo}", (string ticketNo, string? k, TicketLinks links) =>
            links.IsValid(ticketNo, k)
                ? Results.Content(TicketPage.Html, "text/html; charset=utf-8")
                : Results.Content(TicketPage.Expired, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound)).ForTicketHolder();

        app.MapGet("/api/tickets/{ticketNo}", (string ticketNo, string? k, TicketLinks links, QueueService queue, HallClock clock) =>
        {
            if (!links.IsValid(ticketNo, k))
            {
                return Results.Json(new { error = new ErrorBody(ErrorCodes.UnknownTicket, "这张号票不是今天的,或二维码不完整。") }, HallJson.Options, statusCode: StatusCodes.Status404NotFound);
            }

            var snapshot = queue.GetSnapshot();
            var serving = snapshot.Counters.FirstOrDefault(c => c.TicketNo == ticketNo);
            if (serving is not null)
            {
                return Results.Json(new { ticketNo, status = "called", counter = serving.Counter, counterName = serving.CounterName, ts = clock.Now() }, HallJson.Options);
            }

            var category = ticketNo[..1];
            var line = snapshot.Waiting.TryGetValue(category, out var waiting) ? waiting : [];
            var index = line.ToList().FindIndex(t => t.TicketNo == ticketNo);
            if (index < 0)
            {
                return Results.Json(new { ticketNo, status = "done", ts = clock.Now() }, HallJson.Options);
            }

            var mean = snapshot.Categories.FirstOrDefault(c => c.Prefix == category)?.MeanServiceMinutes ?? 0;
            var open = Math.Max(1, snapshot.Counters.Count(c => c.Status == "open" && c.Categories.Contains(category)));
            return Results.Json(
                new { ticketNo, status = "waiting", waitingAhead = index, estimatedWaitMinutes = (int)Math.Ceiling(index * mean / open), ts = clock.Now() },
                HallJson.Options);
        }).ForTicketHolder();
    }
}
