namespace Hall.Queue.Tests;

/// <summary>Short ways to send the requests devices send.</summary>
public static class Requests
{
    private static int _next;

    public static string NewId() => "r" + Interlocked.Increment(ref _next);

    public static async Task<TicketReply> TakeAsync(this QueueService queue, string category, string? priority = null)
    {
        var reply = await queue.HandleTicketAsync(QueueFixture.Kiosk, new TicketRequest { RequestId = NewId(), Category = category, Priority = priority }, CancellationToken.None);
        return Assert.IsType<TicketReply>(reply);
    }

    public static Task<object> CounterAsync(this QueueService queue, string counter, string cmd, string? ticketNo = null, string? toCategory = null, string? toCounter = null, string? reason = null) =>
        queue.HandleCounterAsync(QueueFixture.Caller(counter), new CounterRequest { RequestId = NewId(), Cmd = cmd, TicketNo = ticketNo, ToCategory = toCategory, ToCounter = toCounter, Reason = reason }, CancellationToken.None);

    public static async Task<CounterStateMessage> OkAsync(this Task<object> reply)
    {
        var result = await reply;
        if (result is ErrorReply error)
        {
            Assert.Fail($"expected a counter state, got {error.Error.Code}: {error.Error.Message}");
        }

        return Assert.IsType<CounterStateMessage>(result);
    }

    public static async Task<ErrorBody> ErrorAsync(this Task<object> reply)
    {
        var result = await reply;
        return Assert.IsType<ErrorReply>(result).Error;
    }
}
