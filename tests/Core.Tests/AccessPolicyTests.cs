using Hall.Contract;
using Hall.DeviceRegistry;

namespace Hall.Core.Tests;

public sealed class AccessPolicyTests
{
    private readonly AccessPolicy _policy = new("h1");
    private readonly DeviceIdentity _kiosk = new("kiosk-1", DeviceRole.Kiosk, null);
    private readonly DeviceIdentity _caller = new("caller-3", DeviceRole.Caller, "3");
    private readonly DeviceIdentity _display = new("display-1", DeviceRole.Display, null);

    [Theory]
    [InlineData("hall/h1/device/kiosk-1/req/ticket", true)]
    [InlineData("hall/h1/device/kiosk-1/req/reprint", true)]
    [InlineData("hall/h1/device/kiosk-1/req/ping", true)]
    [InlineData("hall/h1/device/kiosk-1/status", true)]
    [InlineData("hall/h1/device/kiosk-1/req/counter", false)]
    [InlineData("hall/h1/device/caller-3/req/counter", false)]
    [InlineData("hall/h2/device/kiosk-1/req/ticket", false)]
    [InlineData("hall/h1/display/call", false)]
    [InlineData("hall/h1/counter/3/state", false)]
    [InlineData("hall/h1/device/kiosk-1/req/+", false)]
    public void A_kiosk_publishes_only_its_own_requests_and_status(string topic, bool allowed) =>
        Assert.Equal(allowed, _policy.CanPublish(_kiosk, topic));

    [Fact]
    public void A_caller_sends_counter_commands_only_for_itself() =>
        Assert.True(_policy.CanPublish(_caller, "hall/h1/device/caller-3/req/counter") && !_policy.CanPublish(_caller, "hall/h1/device/caller-3/req/ticket"));

    [Theory]
    [InlineData("hall/h1/counter/3/state", true)]
    [InlineData("hall/h1/counter/4/state", false)]
    [InlineData("hall/h1/counter/+/state", false)]
    [InlineData("hall/h1/device/caller-3/res/counter", true)]
    [InlineData("hall/h1/device/caller-3/res/#", true)]
    [InlineData("hall/h1/device/kiosk-1/res/#", false)]
    [InlineData("hall/h1/#", false)]
    [InlineData("#", false)]
    public void A_caller_subscribes_only_to_its_counter_and_replies(string filter, bool allowed) =>
        Assert.Equal(allowed, _policy.CanSubscribe(_caller, filter));

    [Theory]
    [InlineData("hall/h1/display/#", true)]
    [InlineData("hall/h1/display/call", true)]
    [InlineData("hall/h1/counter/+/state", true)]
    [InlineData("hall/h1/counter/7/state", true)]
    [InlineData("hall/h1/counter/7/evaluate", false)]
    [InlineData("hall/h1/alert", false)]
    public void A_hall_display_sees_calls_board_and_every_counter(string filter, bool allowed) =>
        Assert.Equal(allowed, _policy.CanSubscribe(_display, filter));

    [Theory]
    [InlineData("a/b/c", "a/b/c", true)]
    [InlineData("a/b/c", "a/+/c", true)]
    [InlineData("a/+/c", "a/b/c", false)]
    [InlineData("a/b/#", "a/#", true)]
    [InlineData("a/#", "a/b/#", false)]
    [InlineData("a/b", "a/b/#", true)]
    [InlineData("a/b/c/d", "a/+/c", false)]
    public void Filter_containment_follows_mqtt_wildcards(string requested, string allowed, bool within) =>
        Assert.Equal(within, AccessPolicy.IsWithin(requested, allowed));
}
