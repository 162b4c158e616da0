namespace Hall.Display.Tests;

public class CallAnnouncementTests
{
    [Fact]
    public void A_numbered_counter_is_announced_as_its_number()
    {
        var announcement = CallAnnouncement.For("A012", "3", counterName: null);

        Assert.Equal("请A012号到3号窗口办理", announcement.Text);
        Assert.Equal("请 A 0 1 2 号到 3 号窗口办理", announcement.Spoken);
    }

    [Fact]
    public void A_numbered_counter_ignores_its_name_and_leading_zeros()
    {
        Assert.Equal("请A012号到3号窗口办理", CallAnnouncement.For("A012", "03", "综合窗口").Text);
        Assert.Equal("请A001号到12号窗口办理", CallAnnouncement.For("A001", "12", null).Text);
    }

    [Fact]
    public void A_named_counter_is_announced_by_its_name()
    {
        var announcement = CallAnnouncement.For("B003", "zh", "综合窗口");

        Assert.Equal("请B003号到综合窗口办理", announcement.Text);
        Assert.Equal("请 B 0 0 3 号到 综合窗口办理", announcement.Spoken);
    }

    [Fact]
    public void A_name_without_the_word_window_gets_it()
    {
        Assert.Equal("请B003号到综合窗口办理", CallAnnouncement.For("B003", "zh", "综合").Text);
    }

    [Fact]
    public async Task A_recall_uses_the_same_words_and_says_it_is_a_recall()
    {
        using var temp = new TempDirectory();
        var (service, publisher) = DisplayHarness.Create(temp);

        await service.HandleAsync(DisplayHarness.Called("A012", "3", recall: false), CancellationToken.None);
        await service.HandleAsync(DisplayHarness.Called("A012", "3", recall: true), CancellationToken.None);

        var calls = publisher.Messages<Contract.CallMessage>(Contract.Topics.DisplayCall("h1"));
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal("请A012号到3号窗口办理", c.Announcement));
        Assert.False(calls[0].Recall);
        Assert.True(calls[1].Recall);
        Assert.Equal(calls[0].AudioUrl, calls[1].AudioUrl);
    }
}
