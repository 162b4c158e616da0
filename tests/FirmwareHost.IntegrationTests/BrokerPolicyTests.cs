using Hall.FirmwareHost.Box;
using Hall.FirmwareHost.Broker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>The broker's plain policy classes, without a box: the burst log and the metric label sets.</summary>
public sealed class BrokerPolicyTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_flood_writes_its_first_refusal_and_then_one_summary_per_window()
    {
        var time = new FakeTimeProvider();
        var log = new BurstLog(time, Window);

        var logged = Enumerable.Range(0, 60_000).Count(_ => log.Record(Refusal.Connect));
        Assert.Equal(1, logged);
        Assert.Empty(log.Due());

        time.Advance(Window);
        var summary = Assert.Single(log.Due());
        Assert.Equal(new BurstLog.BurstSummary(Refusal.Connect, 59_999, Window), summary);

        // Still flooding: counted into the next window, not logged in full again.
        Assert.False(log.Record(Refusal.Connect));
        time.Advance(Window);
        Assert.Equal(1, Assert.Single(log.Due()).Count);
    }

    [Fact]
    public void Each_kind_has_its_own_burst_and_a_quiet_kind_is_logged_in_full_again()
    {
        var time = new FakeTimeProvider();
        var log = new BurstLog(time, Window);

        Assert.True(log.Record(Refusal.Publish));
        Assert.True(log.Record(Refusal.Subscribe));
        Assert.False(log.Record(Refusal.Publish));

        time.Advance(Window);
        Assert.Equal([Refusal.Publish], log.Due().Select(s => s.Kind));

        // Subscribe ended quietly (nothing to summarise); publish had a new window with nothing in it.
        time.Advance(Window);
        Assert.Empty(log.Due());
        Assert.True(log.Record(Refusal.Subscribe));
        Assert.True(log.Record(Refusal.Publish));
    }

    [Theory]
    [InlineData("ticket", "ticket")]
    [InlineData("ping", "ping")]
    [InlineData("+", "other")]
    [InlineData("#", "other")]
    [InlineData("evil\"} 1\nhall_x 1", "other")]
    [InlineData(null, "other")]
    public void A_request_name_label_is_a_contract_name_or_other(string? name, string label) =>
        Assert.Equal(label, MetricLabels.RequestName(name));

    [Theory]
    [InlineData("ok", "ok")]
    [InlineData("bad-json", "bad-json")]
    [InlineData("Bad\"Code", "other")]
    [InlineData("", "other")]
    public void An_outcome_label_is_an_error_code_shape_or_other(string outcome, string label) =>
        Assert.Equal(label, MetricLabels.Outcome(outcome));

    [Fact]
    public void Label_values_are_escaped_and_every_refusal_kind_is_rendered()
    {
        Assert.Equal("a\\\"b\\\\c\\nd", MetricLabels.Escape("a\"b\\c\nd"));

        var metrics = new BoxMetrics();
        metrics.CountRequest("evil\"}\nhall_injected 1", "x\ny");
        metrics.Refused(Refusal.Oversized);
        var text = metrics.Render([]);

        Assert.Contains("hall_requests_total{name=\"other\",outcome=\"other\"} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hall_injected", text, StringComparison.Ordinal);
        Assert.Contains("hall_mqtt_refused_total{kind=\"oversized\"} 1\n", text, StringComparison.Ordinal);
        foreach (var kind in Enum.GetValues<Refusal>())
        {
            Assert.Contains($"hall_mqtt_refused_total{{kind=\"{MetricLabels.Kind(kind)}\"}}", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("1000")]
    [InlineData("100000000")]
    [InlineData("lots")]
    public void A_packet_limit_out_of_range_stops_the_box_naming_the_key(string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Box:MqttMaxPacketBytes"] = value })
            .Build();

        var refused = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => BoxHostingExtensions.ReadBoxOptions(configuration));
        Assert.Contains("MqttMaxPacketBytes", refused.Message, StringComparison.Ordinal);
    }
}
