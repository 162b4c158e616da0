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
                ? new HallPage(TicketPage.Html)
                : new HallPage(TicketPage.Expired, StatusCodes.Status404NotFound)).ForTicketHolder();

        app.MapGet("/api/tickets/{ticketNo}", (string ticketNo, string? k, TicketLinks links, QueueService queue, Hall.Evaluation.EvaluationService evaluation, HallClock clock) =>
        {
            if (!links.IsValid(ticketNo, k) || queue.FindTicket(ticketNo) is not { } ticket)
            {
                return Results.Json(new { error = new ErrorBody(ErrorCodes.UnknownTicket, "这张号票不是今天的,或二维码不完整。") }, HallJson.Options, statusCode: StatusCodes.Status404NotFound);
            }

            var snapshot = queue.GetSnapshot();
            var at = ticket.Counter is { } c ? snapshot.Counters.FirstOrDefault(x => x.Counter == c) : null;
            switch (ticket.Status)
            {
                case Hall.Queue.Domain.TicketStatus.Called:
                    return Results.Json(new { ticketNo, status = "called", counter = ticket.Counter, counterName = at?.CounterName, calledAt = ticket.CalledAt, ts = clock.Now() }, HallJson.Options);
                case Hall.Queue.Domain.TicketStatus.Finished:
                    // 评价 is offered only while the rating can be accepted.
                    var rating = evaluation.RatingStateOf(ticket.TicketNo, ticket.EndedAt ?? clock.Now());
                    return Results.Json(new { ticketNo, status = "done", counter = ticket.Counter, counterName = at?.CounterName, rating, ts = clock.Now() }, HallJson.Options);
                case Hall.Queue.Domain.TicketStatus.NoShow:
                    return Results.Json(new { ticketNo, status = "skipped", counter = ticket.Counter, ts = clock.Now() }, HallJson.Options);
                case Hall.Queue.Domain.TicketStatus.Cancelled:
                case Hall.Queue.Domain.TicketStatus.WalkOut:
                    return Results.Json(new { ticketNo, status = "cancelled", ts = clock.Now() }, HallJson.Options);
            }

            var category = ticket.Category;
            var line = snapshot.Waiting.TryGetValue(category, out var waiting) ? waiting : [];
            var index = Math.Max(0, line.ToList().FindIndex(t => t.TicketNo == ticket.TicketNo));
            var mean = snapshot.Categories.FirstOrDefault(c => c.Prefix == category)?.MeanServiceMinutes ?? 0;
            var open = Math.Max(1, snapshot.Counters.Count(c => c.Status == "open" && c.Categories.Contains(category)));
            return Results.Json(
                new { ticketNo, status = "waiting", waitingAhead = index, estimatedWaitMinutes = (int)Math.Ceiling(index * mean / open), ts = clock.Now() },
                HallJson.Options);
        }).ForTicketHolder();
    }
}
