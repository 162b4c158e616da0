using System.Text.RegularExpressions;
using Hall.Contract;
using Hall.Contract.Events;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Display.Tests;

public partial class DisplayServiceTests
{
    private static readonly string CallTopic = Topics.DisplayCall("h1");
    private static readonly string BoardTopic = Topics.DisplayBoard("h1");

    [Fact]
    public async Task A_call_is_announced_once_with_its_audio_and_tops_the_retained_board()
    {
        using var temp = new TempDirectory();
        var (service, publisher) = DisplayHarness.Create(temp);

        await service.HandleAsync(DisplayHarness.Called("A012", "3"), CancellationToken.None);

        var call = Assert.Single(publisher.Published, p => p.Topic == CallTopic);
        Assert.False(call.Retain);
        var message = publisher.Messages<CallMessage>(CallTopic)[0];
        Assert.Equal("请A012号到3号窗口办理", message.Announcement);
        Assert.Equal("3", message.Counter);
        Assert.Matches(AudioPath(), message.AudioUrl!);

        var board = Assert.Single(publisher.Published, p => p.Topic == BoardTopic);
        Assert.True(board.Retain);
        Assert.Equal("A012", publisher.Messages<BoardMessage>(BoardTopic)[0].RecentCalls[0].TicketNo);
    }

    [Fact]
    public async Task Waiting_changes_update_the_board_counts_in_one_board_per_burst()
    {
        using var temp = new TempDirectory();
        var time = new FakeTimeProvider(DisplayHarness.Morning);
        var (service, publisher) = DisplayHarness.Create(temp, time: time);

        await service.HandleAsync(new WaitingChanged(DisplayHarness.Morning, new Dictionary<string, int> { ["A"] = 5, ["B"] = 2 }), CancellationToken.None);
        await service.HandleAsync(new WaitingChanged(DisplayHarness.Morning, new Dictionary<string, int> { ["A"] = 4 }), CancellationToken.None);
        Assert.Empty(publisher.Messages<BoardMessage>(BoardTopic));
        time.Advance(TimeSpan.FromMilliseconds(200));
        await WaitForAsync(() => publisher.Messages<BoardMessage>(BoardTopic).Count > 0);

        var board = Assert.Single(publisher.Messages<BoardMessage>(BoardTopic));
        Assert.Equal(4, board.Waiting["A"]);
        Assert.Equal(2, board.Waiting["B"]);
        Assert.Equal(TimeSpan.FromHours(8), board.Ts.Offset);
    }

    [Fact]
    public async Task A_call_publishes_the_board_at_once_with_the_latest_waiting_counts()
    {
        using var temp = new TempDirectory();
        var time = new FakeTimeProvider(DisplayHarness.Morning);
        var (service, publisher) = DisplayHarness.Create(temp, time: time);

        await service.HandleAsync(new WaitingChanged(DisplayHarness.Morning, new Dictionary<string, int> { ["A"] = 5 }), CancellationToken.None);
        await service.HandleAsync(DisplayHarness.Called("A001", "1"), CancellationToken.None);

        var board = Assert.Single(publisher.Messages<BoardMessage>(BoardTopic));
        Assert.Equal(5, board.Waiting["A"]);
        Assert.Equal("A001", board.RecentCalls[0].TicketNo);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        // The coalescing timer's callback runs on the thread pool once the fake clock fires it.
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task After_a_restart_the_board_is_republished_retained_and_its_audio_is_still_served()
    {
        using var temp = new TempDirectory();
        var time = new FakeTimeProvider(DisplayHarness.Morning);
        var (before, publisherBefore) = DisplayHarness.Create(temp, time: time);
        await before.HandleAsync(DisplayHarness.Called("A001", "1"), CancellationToken.None);
        await before.HandleAsync(DisplayHarness.Called("B001", "zh", counterName: "综合窗口", at: DisplayHarness.Morning.AddMinutes(1)), CancellationToken.None);
        await before.HandleAsync(new WaitingChanged(DisplayHarness.Morning, new Dictionary<string, int> { ["A"] = 3 }), CancellationToken.None);
        var audioUrl = publisherBefore.Messages<CallMessage>(CallTopic)[1].AudioUrl!;
        time.Advance(TimeSpan.FromMinutes(30));

        var speech = DisplayHarness.Speech(DisplayHarness.Options(temp));
        var (after, publisherAfter) = DisplayHarness.Create(temp, time: time, speech: speech);

        // At start the queue republishes first: its waiting counts reach the display before the board goes out.
        await after.HandleAsync(new WaitingChanged(DisplayHarness.Morning, new Dictionary<string, int> { ["A"] = 3 }), CancellationToken.None);
        await after.RestoreRetainedAsync();

        var (topic, json, retain) = Assert.Single(publisherAfter.Published);
        Assert.Equal(BoardTopic, topic);
        Assert.True(retain);
        var board = publisherAfter.Messages<BoardMessage>(BoardTopic)[0];
        Assert.Equal(["B001", "A001"], board.RecentCalls.Select(c => c.TicketNo));
        Assert.Equal("综合窗口", board.RecentCalls[0].CounterName);
        Assert.Equal(3, board.Waiting["A"]);
        var key = AudioPath().Match(audioUrl).Groups["key"].Value;
        Assert.Equal(SpeechStatus.Ready, (await speech.GetAsync(key)).Status);
    }

    [Fact]
    public async Task Yesterdays_calls_are_not_put_back_on_the_board()
    {
        using var temp = new TempDirectory();
        var time = new FakeTimeProvider(DisplayHarness.Morning);
        var (before, _) = DisplayHarness.Create(temp, time: time);
        await before.HandleAsync(DisplayHarness.Called("A001", "1"), CancellationToken.None);
        time.Advance(TimeSpan.FromDays(1));

        var (after, publisher) = DisplayHarness.Create(temp, time: time);
        await after.RestoreRetainedAsync();

        Assert.Empty(publisher.Messages<BoardMessage>(BoardTopic)[0].RecentCalls);
    }

    [Fact]
    public async Task Without_espeak_the_call_is_still_shown_only_without_audio()
    {
        using var temp = new TempDirectory();
        var options = DisplayHarness.Options(temp, espeakPath: temp.Combine("missing-espeak-ng"));
        var speech = DisplayHarness.Speech(options);
        await speech.RenderAsync("叫号语音已就绪"); // what the speech worker does at start
        var (service, publisher) = DisplayHarness.Create(temp, options, speech: speech);

        await service.HandleAsync(DisplayHarness.Called("A012", "3"), CancellationToken.None);

        var message = Assert.Single(publisher.Messages<CallMessage>(CallTopic));
        Assert.Equal("请A012号到3号窗口办理", message.Announcement);
        Assert.Null(message.AudioUrl);
        Assert.Equal("A012", publisher.Messages<BoardMessage>(BoardTopic)[0].RecentCalls[0].TicketNo);
    }

    [Fact]
    public async Task Other_events_change_nothing_on_the_displays()
    {
        using var temp = new TempDirectory();
        var (service, publisher) = DisplayHarness.Create(temp);

        await service.HandleAsync(new TicketIssued(DisplayHarness.Morning, "A001", "A", null, DisplayHarness.Morning), CancellationToken.None);

        Assert.Empty(publisher.Published);
    }

    [GeneratedRegex("^/audio/(?<key>[0-9a-f]{64})\\.wav$")]
    private static partial Regex AudioPath();
}
