namespace Hall.Display.Tests;

public class LiveFeedTests
{
    private const string Board = "hall/h1/display/board";
    private const string Call = "hall/h1/display/call";

    [Fact]
    public void A_page_that_connects_late_gets_the_latest_retained_message_of_each_topic()
    {
        var feed = new LiveFeed(clientBuffer: 16);
        feed.Push(Board, """{"n":1}""", retain: true);
        feed.Push(Board, """{"n":2}""", retain: true);
        feed.Push(Call, """{"ticketNo":"A001"}""", retain: false);
        feed.Push("hall/h1/counter/3/state", """{"status":"open"}""", retain: true);

        using var page = feed.Subscribe();

        var received = Drain(page);
        Assert.Equal(2, received.Count);
        Assert.Contains(received, m => m.Topic == Board && m.Json == """{"n":2}""");
        Assert.Contains(received, m => m.Topic == "hall/h1/counter/3/state");
        Assert.DoesNotContain(received, m => m.Topic == Call);
    }

    [Fact]
    public void A_connected_page_gets_every_message_in_order()
    {
        var feed = new LiveFeed(clientBuffer: 16);
        using var page = feed.Subscribe();

        feed.Push(Call, "1", retain: false);
        feed.Push(Board, "2", retain: true);
        feed.Push(Call, "3", retain: false);

        Assert.Equal(["1", "2", "3"], Drain(page).Select(m => m.Json));
    }

    [Fact]
    public void A_page_gets_only_the_topics_it_asked_for_with_or_without_the_hall_prefix()
    {
        var feed = new LiveFeed(clientBuffer: 16);
        feed.Push("hall/h1/counter/3/state", "c3", retain: true);
        feed.Push("hall/h1/counter/30/state", "c30", retain: true);
        using var counterPage = feed.Subscribe(LiveTopicFilter.Parse("counter/3/state"));
        using var hallPage = feed.Subscribe(LiveTopicFilter.Parse("hall/h1/display/"));

        feed.Push(Call, "call", retain: false);

        Assert.Equal(["c3"], Drain(counterPage).Select(m => m.Json));
        Assert.Equal(["call"], Drain(hallPage).Select(m => m.Json));
    }

    [Fact]
    public void The_public_feed_shows_who_serves_at_a_counter_but_not_their_sign_in_id()
    {
        const string state = """{"counter":"3","status":"serving","staffId":"S001","staffName":"王芳","ticketNo":"A012"}""";

        var seen = System.Text.Json.JsonDocument.Parse(LiveTopicFilter.PublicJson("hall/h1/counter/3/state", state)).RootElement;

        Assert.Equal("王芳", seen.GetProperty("staffName").GetString());
        Assert.Equal("A012", seen.GetProperty("ticketNo").GetString());
        Assert.False(seen.TryGetProperty("staffId", out _));
        Assert.Equal("""{"ticketNo":"A013"}""", LiveTopicFilter.PublicJson("hall/h1/counter/3/evaluate", """{"ticketNo":"A013","staffId":"S001"}"""));
        Assert.Equal("""{"ticketNo":"A014"}""", LiveTopicFilter.PublicJson(Call, """{"ticketNo":"A014"}"""));
    }

    [Fact]
    public async Task A_page_that_stops_reading_never_holds_up_the_box_and_keeps_the_newest_messages()
    {
        var feed = new LiveFeed(clientBuffer: 16);
        using var stuck = feed.Subscribe();
        using var healthy = feed.Subscribe();
        var healthyCount = 0;

        var pushing = Task.Run(() =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                feed.Push(Call, i.ToString(System.Globalization.CultureInfo.InvariantCulture), retain: false);
                while (healthy.Reader.TryRead(out _))
                {
                    healthyCount++;
                }
            }
        });

        // Bounded so that a Push blocked behind the stuck page fails the test instead of hanging it.
        await pushing.WaitAsync(TimeSpan.FromSeconds(30));
        var kept = Drain(stuck);
        Assert.Equal(16, kept.Count);
        Assert.Equal("49999", kept[^1].Json);
        Assert.Equal(50_000, healthyCount);
    }

    [Fact]
    public void A_page_that_leaves_is_no_longer_fed()
    {
        var feed = new LiveFeed(clientBuffer: 16);
        var page = feed.Subscribe();
        Assert.Equal(1, feed.Subscribers);

        page.Dispose();
        feed.Push(Call, "x", retain: false);

        Assert.Equal(0, feed.Subscribers);
        Assert.True(page.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void An_empty_retained_payload_clears_the_topic_as_in_mqtt()
    {
        var feed = new LiveFeed(clientBuffer: 16);
        feed.Push(Board, "{}", retain: true);
        feed.Push(Board, string.Empty, retain: true);

        using var page = feed.Subscribe();

        Assert.Empty(Drain(page));
        Assert.Null(feed.Retained(Board));
    }

    private static List<LiveMessage> Drain(LiveSubscription subscription)
    {
        var messages = new List<LiveMessage>();
        while (subscription.Reader.TryRead(out var message))
        {
            messages.Add(message);
        }

        return messages;
    }
}
