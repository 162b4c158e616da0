using Hall.Contract;

namespace Hall.Display.Tests;

public class BoardProjectionTests
{
    private static readonly DateTimeOffset Morning = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Newest_call_is_first_and_the_board_keeps_only_its_capacity()
    {
        var board = new BoardProjection(capacity: 3);
        for (var i = 1; i <= 5; i++)
        {
            board.Call(new BoardCall($"A00{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), Morning.AddMinutes(i)));
        }

        var message = board.ToMessage(Morning.AddMinutes(6));

        Assert.Equal(["A005", "A004", "A003"], message.RecentCalls.Select(c => c.TicketNo));
    }

    [Fact]
    public void A_recall_moves_the_ticket_to_the_top_without_showing_it_twice()
    {
        var board = new BoardProjection(capacity: 8);
        board.Call(new BoardCall("A001", "1", Morning));
        board.Call(new BoardCall("A002", "2", Morning.AddMinutes(1)));
        board.Call(new BoardCall("A001", "1", Morning.AddMinutes(2)) { Recall = true });

        var message = board.ToMessage(Morning.AddMinutes(3));

        Assert.Equal(["A001", "A002"], message.RecentCalls.Select(c => c.TicketNo));
        Assert.True(message.RecentCalls[0].Recall);
    }

    [Fact]
    public void Waiting_counts_update_per_category_and_keep_the_others()
    {
        var board = new BoardProjection(capacity: 8);
        board.SetWaiting(new Dictionary<string, int> { ["A"] = 3, ["B"] = 1 });
        board.SetWaiting(new Dictionary<string, int> { ["A"] = 2 });

        var message = board.ToMessage(Morning);

        Assert.Equal(2, message.Waiting["A"]);
        Assert.Equal(1, message.Waiting["B"]);
    }

    [Fact]
    public void Restore_rebuilds_the_same_board_from_calls_oldest_first()
    {
        var live = new BoardProjection(capacity: 2);
        var calls = new[]
        {
            new BoardCall("A001", "1", Morning),
            new BoardCall("B001", "2", Morning.AddMinutes(1)),
            new BoardCall("A002", "1", Morning.AddMinutes(2)),
        };
        foreach (var call in calls)
        {
            live.Call(call);
        }

        live.SetWaiting(new Dictionary<string, int> { ["A"] = 4 });

        var restored = new BoardProjection(capacity: 2);
        restored.Restore(calls, new Dictionary<string, int> { ["A"] = 4 });

        Assert.Equal(live.ToMessage(Morning).RecentCalls, restored.ToMessage(Morning).RecentCalls);
        Assert.Equal(4, restored.Waiting["A"]);
    }

    [Fact]
    public void The_published_board_is_a_snapshot_not_a_live_view()
    {
        var board = new BoardProjection(capacity: 8);
        board.Call(new BoardCall("A001", "1", Morning));
        var first = board.ToMessage(Morning);

        board.Call(new BoardCall("A002", "1", Morning.AddMinutes(1)));

        Assert.Single(first.RecentCalls);
    }
}
