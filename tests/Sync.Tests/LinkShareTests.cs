using Hall.Sync.Link;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Sync.Tests;

/// <summary>The one link shared by the uplink and the video uploader: the hall's events first, one cap for both.</summary>
public sealed class LinkShareTests
{
    [Fact]
    public async Task Video_bytes_wait_while_a_batch_of_events_is_on_the_wire_and_go_when_it_is_answered()
    {
        var share = new LinkShare(new SyncOptions(), new FakeTimeProvider());
        Assert.True(share.VideoTurnAsync(CancellationToken.None).IsCompleted);

        var first = share.SendingEvents();
        var second = share.SendingEvents();
        var turn = share.VideoTurnAsync(CancellationToken.None);
        first.Dispose();
        first.Dispose();
        Assert.False(turn.IsCompleted);
        second.Dispose();
        await turn.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void The_uplink_and_the_uploader_take_from_one_cap()
    {
        var time = new FakeTimeProvider();
        var share = new LinkShare(new SyncOptions { BandwidthKbps = 80 }, time);
        Assert.True(share.Capped);

        // 10 000 bytes a second, a quarter second of burst: what one sender took, the other waits for.
        Assert.Equal(TimeSpan.Zero, share.Take(2500));
        Assert.Equal(TimeSpan.FromSeconds(0.5), share.Take(5000));
        Assert.False(new LinkShare(new SyncOptions(), time).Capped);
    }
}
