namespace Hall.Queue;

/// <summary>The queue's device requests: a kiosk's ticket and reprint, a caller's counter commands.</summary>
internal sealed class QueueRequests(QueueService queue, ITicketLinks? links = null) : IDeviceRequests
{
    public void MapTo(IRequestMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Map<TicketRequest>(Topics.Requests.Ticket, async (who, request, ct) => WithLink(await queue.HandleTicketAsync(who, request, ct)));
        map.Map<ReprintRequest>(Topics.Requests.Reprint, async (who, request, ct) => WithLink(await queue.HandleReprintAsync(who, request, ct)));
        map.Map<CounterRequest>(Topics.Requests.Counter, queue.HandleCounterAsync);
    }

    // The QR link is derived, not stored, so a repeated request prints the same code.
    private object WithLink(object reply) => reply is TicketReply ticket && links is not null ? ticket with { Qr = links.For(ticket) } : reply;
}
