namespace Hall.Queue.Tests;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task A_repeated_ticket_request_gets_the_first_ticket_and_issues_nothing_new()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();
        var request = new TicketRequest { RequestId = "kiosk-req-7", Category = "A" };

        var first = Assert.IsType<TicketReply>(await queue.HandleTicketAsync(QueueFixture.Kiosk, request, CancellationToken.None));
        fx.Time.Advance(TimeSpan.FromSeconds(5));
        var again = Assert.IsType<TicketReply>(await queue.HandleTicketAsync(QueueFixture.Kiosk, request, CancellationToken.None));

        Assert.Equal(first.TicketNo, again.TicketNo);
        Assert.Equal(first.IssuedAt, again.IssuedAt);
        Assert.Equal(1, queue.GetSnapshot().Counts.Issued);
        Assert.Equal(1, fx.Scalar("SELECT count(*) FROM outbox WHERE type = 'TicketIssued'"));
    }

    [Fact]
    public async Task A_repeated_request_gets_the_first_error_even_when_it_would_now_succeed()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();

        var first = Assert.IsType<ErrorReply>(await queue.HandleTicketAsync(QueueFixture.Kiosk, new TicketRequest { RequestId = "x1", Category = "Z" }, CancellationToken.None));
        var again = Assert.IsType<ErrorReply>(await queue.HandleTicketAsync(QueueFixture.Kiosk, new TicketRequest { RequestId = "x1", Category = "A" }, CancellationToken.None));

        Assert.Equal(ErrorCodes.UnknownCategory, first.Error.Code);
        Assert.Contains("Z", first.Error.Message, StringComparison.Ordinal);
        Assert.Equal(first.Error, again.Error);
        Assert.Equal("x1", again.RequestId);
        Assert.Equal(0, queue.GetSnapshot().Counts.Issued);
    }

    [Fact]
    public async Task A_repeated_next_calls_once()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();
        await queue.TakeAsync("A");
        await queue.TakeAsync("A");
        var next = new CounterRequest { RequestId = "c1", Cmd = "next" };

        var first = Assert.IsType<CounterStateMessage>(await queue.HandleCounterAsync(QueueFixture.Caller("1"), next, CancellationToken.None));
        var again = Assert.IsType<CounterStateMessage>(await queue.HandleCounterAsync(QueueFixture.Caller("1"), next, CancellationToken.None));

        Assert.Equal("A001", first.TicketNo);
        Assert.Equal("A001", again.TicketNo);
        Assert.Equal("c1", again.RequestId);
        Assert.Single(queue.GetSnapshot().Waiting["A"]);
    }

    [Fact]
    public async Task A_request_without_request_id_is_refused()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();

        var reply = Assert.IsType<ErrorReply>(await queue.HandleTicketAsync(QueueFixture.Kiosk, new TicketRequest { Category = "A" }, CancellationToken.None));

        Assert.Equal(ErrorCodes.MissingField, reply.Error.Code);
        Assert.Contains("requestId", reply.Error.Message, StringComparison.Ordinal);
    }
}
