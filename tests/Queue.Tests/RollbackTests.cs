namespace Hall.Queue.Tests;

public sealed class RollbackTests
{
    [Fact]
    public async Task A_failed_write_changes_nothing_and_memory_does_not_run_ahead_of_disk()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync();
        await queue.TakeAsync("A");
        Exec(fx, "CREATE TRIGGER fail_a002 BEFORE INSERT ON queue_tickets WHEN NEW.ticket_no = 'A002' BEGIN SELECT RAISE(ABORT, 'disk full'); END;");

        var failed = Assert.IsType<ErrorReply>(await queue.HandleTicketAsync(QueueFixture.Kiosk, new TicketRequest { RequestId = "f1", Category = "A" }, CancellationToken.None));
        Exec(fx, "DROP TRIGGER fail_a002;");
        var retried = Assert.IsType<TicketReply>(await queue.HandleTicketAsync(QueueFixture.Kiosk, new TicketRequest { RequestId = "f1", Category = "A" }, CancellationToken.None));

        Assert.Equal(ErrorCodes.StoreUnavailable, failed.Error.Code);
        Assert.Equal("A002", retried.TicketNo);
        Assert.Equal(["A001", "A002"], queue.GetSnapshot().Waiting["A"].Select(t => t.TicketNo));
    }

    private static void Exec(QueueFixture fx, string sql)
    {
        using var connection = fx.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
