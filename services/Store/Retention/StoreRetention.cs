using System.Globalization;
using Hall.Contract;
using Hall.Store.Alerts;
using Hall.Store.Writer;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Store.Retention;

/// <summary>
/// Keeps the store from growing without end, and says so long before it would matter. Every Store:RetentionInterval
/// (and once at start) the request log is pruned past Store:RequestLogRetention, and the outbox is measured against
/// Store:OutboxBudgetMiB: at 80 % an <c>outbox-filling</c> alert is raised (cleared below it again). Unsent outbox rows
/// are never deleted here.
/// </summary>
public sealed partial class StoreRetention : BackgroundService
{
    /// <summary>Share of the outbox budget at which the alert is raised.</summary>
    public const double AlertShare = 0.8;

    private readonly CommandWriter _writer;
    private readonly AlertBoard _alerts;
    private readonly StoreOptions _options;
    private readonly TimeProvider _time;
    private readonly HallClock _clock;
    private readonly ILogger<StoreRetention> _logger;
    private bool _alerted;

    public StoreRetention(CommandWriter writer, AlertBoard alerts, IOptions<StoreOptions> options, TimeProvider time, HallClock clock, ILogger<StoreRetention> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _writer = writer;
        _alerts = alerts;
        _options = options.Value;
        _time = time;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>What the last pass found, for /metrics; null before the first.</summary>
    public RetentionResult? Last { get; private set; }

    /// <summary>One pass now: prune, measure, raise or clear the alert.</summary>
    public async Task<RetentionResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var result = (RetentionResult)(await _writer.SubmitAsync(new RetentionPass(_time.GetUtcNow() - _options.RequestLogRetention, _time.GetUtcNow() - _options.OutboxAckedRetention), cancellationToken))!;
        Last = result;
        if (result.RequestLogPruned > 0)
        {
            LogPruned(result.RequestLogPruned);
        }

        if (result.OutboxPruned > 0)
        {
            LogOutboxPruned(result.OutboxPruned);
        }

        var filling = result.OutboxBytes >= _options.OutboxBudgetBytes * AlertShare;
        if (filling != _alerted)
        {
            await _alerts.RaiseAsync(AlertOf(result, filling), cancellationToken);
            _alerted = filling;
        }

        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.RetentionInterval, _time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (StoreUnavailableException ex)
            {
                // Tried again at the next interval; nothing is lost by waiting.
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private AlertMessage AlertOf(RetentionResult result, bool filling)
    {
        var used = (result.OutboxBytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);
        var share = (100.0 * result.OutboxBytes / _options.OutboxBudgetBytes).ToString("0", CultureInfo.InvariantCulture);
        return new AlertMessage
        {
            Ts = _clock.Now(),
            Type = AlertTypes.OutboxFilling,
            Active = filling,
            Message = filling
                ? $"待上传县级中心的记录已有 {result.OutboxRows} 条、{used} MB,占预留空间的 {share}%:请检查盒子的上行网络;记录不会被删除"
                : $"待上传的记录已回落到预留空间的 {share}%",
        };
    }

    [LoggerMessage(1, LogLevel.Information, "Request log: {Count} answers past their retention forgotten")]
    private partial void LogPruned(int count);

    [LoggerMessage(3, LogLevel.Information, "Outbox: {Count} events the county hub acknowledged and past their retention deleted")]
    private partial void LogOutboxPruned(int count);

    [LoggerMessage(2, LogLevel.Warning, "Retention pass failed; tried again at the next interval")]
    private partial void LogFailed(Exception exception);
}
