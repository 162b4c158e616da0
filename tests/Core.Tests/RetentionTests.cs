using Hall.Contract;
using Hall.Store;
using Hall.Store.Alerts;
using Hall.Store.Retention;
using Hall.Store.Writer;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Core.Tests;

/// <summary>The request log forgets what no device can still repeat; the outbox keeps every unsent row and warns early.</summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
    private readonly RecordingPublisher _publisher = new();
    private RunningWriter _running = null!;
    private AlertBoard _board = null!;

    public async Task InitializeAsync()
    {
        AlertBoard? board = null;
        _running = await RunningWriter.StartAsync(_db.Database, _time, () => [board!], _publisher);
        _board = board = new AlertBoard(_running.Writer, _publisher, _db.Database, NullLogger<AlertBoard>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _running.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public async Task A_request_is_answered_the_same_inside_the_retention_and_forgotten_after_it()
    {
        var retention = Retention(new StoreOptions { RequestLogRetention = TimeSpan.FromDays(7) });
        Assert.Equal("first", await Ask("r-1", "first"));

        _time.Advance(TimeSpan.FromDays(6));
        await retention.RunOnceAsync();
        Assert.Equal("first", await Ask("r-1", "second"));

        _time.Advance(TimeSpan.FromDays(2));
        var result = await retention.RunOnceAsync();
        Assert.Equal(1, result.RequestLogPruned);
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM request_log"));
    }

    [Fact]
    public async Task An_outbox_over_its_budget_raises_the_alert_and_keeps_every_row()
    {
        var retention = Retention(new StoreOptions { OutboxBudgetMiB = 1 });
        var payload = new string('x', 100 * 1024);
        for (var i = 0; i < 9; i++)
        {
            await _running.Writer.SubmitAsync(new DelegateCommand("fill", context => context.Record("Filler", new { payload }, context.Now)));
        }

        var result = await retention.RunOnceAsync();
        await _running.SettledAsync();

        Assert.Equal(9, result.OutboxRows);
        Assert.Equal(9, _db.Scalar("SELECT count(*) FROM outbox WHERE type = 'Filler'"));
        var alert = Assert.Single(_board.Active, a => a.Type == AlertTypes.OutboxFilling);
        Assert.Contains("不会被删除", alert.Message, StringComparison.Ordinal);
        Assert.Contains(_publisher.Published, p => p.Topic == Topics.Alert("h1") && p.Payload is AlertMessage { Type: AlertTypes.OutboxFilling, Active: true });

        // A second pass with the outbox still full raises nothing new.
        await retention.RunOnceAsync();
        await _running.SettledAsync();
        Assert.Single(_publisher.Published, p => p.Payload is AlertMessage { Type: AlertTypes.OutboxFilling });
    }

    [Fact]
    public void A_bad_retention_setting_is_named_by_its_full_key()
    {
        var validator = new Hall.Contract.Settings.SectionValidator<StoreOptions>(StoreOptions.Section, new StoreOptionsValidator());

        var result = validator.Validate(null, new StoreOptions { RequestLogRetention = TimeSpan.FromMinutes(5), OutboxBudgetMiB = 0 });

        Assert.Contains(result.Failures!, f => f.Contains("Store:RequestLogRetention", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Store:OutboxBudgetMiB", StringComparison.Ordinal));
        Assert.True(validator.Validate(null, new StoreOptions()).Succeeded);
    }

    private StoreRetention Retention(StoreOptions options) =>
        new(_running.Writer, _board, Options.Create(options), _time, new HallClock(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), _time), NullLogger<StoreRetention>.Instance);

    private async Task<string> Ask(string requestId, string answer) =>
        (string)(await _running.Writer.SubmitAsync(new AnsweringCommand(requestId, answer)))!;

    private sealed class AnsweringCommand(string requestId, string answer) : WriteCommand("ask", "kiosk-1", requestId)
    {
        public override object? Apply(WriteContext context) => answer;

        public override object ReadLoggedReply(string json) => HallJson.Deserialize<string>(json)!;
    }
}
