using Hall.Contract;
using Hall.Contract.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Display;

/// <summary>
/// Turns calls and queue changes into what the hall sees and hears: a call message with its
/// announcement and audio URL, and the retained hall board. Speech is rendered off to the side;
/// a call is shown even when there is no sound.
/// </summary>
public sealed class DisplayService : IHallEventHandler, IRetainedStateSource, IDisposable
{
    private readonly IHallPublisher _publisher;
    private readonly DisplayCallStore _store;
    private readonly SpeechCache _speech;
    private readonly SpeechQueue _speechQueue;
    private readonly DisplayOptions _options;
    private readonly TimeProvider _time;
    private readonly HallClock _clock;
    private readonly ILogger<DisplayService> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly BoardProjection _board;
    private ITimer? _boardFlush;
    private bool _boardDirty;


    public DisplayService(
        IHallPublisher publisher,
        DisplayCallStore store,
        SpeechCache speech,
        SpeechQueue speechQueue,
        IOptions<DisplayOptions> options,
        HallClock clock,
        TimeProvider time,
        ILogger<DisplayService> logger)
    {
        _publisher = publisher;
        _store = store;
        _speech = speech;
        _speechQueue = speechQueue;
        _options = options.Value;
        _time = time;
        _clock = clock;
        _logger = logger;
        _board = new BoardProjection(_options.RecentCalls);
    }

    public async ValueTask HandleAsync(HallEvent hallEvent, CancellationToken cancellationToken)
    {
        switch (hallEvent)
        {
            case TicketCalled called:
                await OnCalledAsync(called, cancellationToken);
                break;
            case WaitingChanged waiting:
                await OnWaitingChangedAsync(waiting, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// Rebuilds the board from the display's table and publishes it retained. The host calls this
    /// once the broker runs: the broker keeps retained messages only in memory.
    /// </summary>
    public async Task RestoreRetainedAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Rows handed over before (by this box's last run too) are committed before the board is read back.
            await _store.FlushAsync(cancellationToken);
            var now = _clock.Now();
            var since = now - _options.RestoreWindow;
            var calls = _store.RecentCalls(_options.RecentCalls * 4, since);
            foreach (var call in calls)
            {
                // So the audio of a call still on a page can be fetched after a restart.
                _speech.Register(call.Spoken);
            }

            // Waiting counts are the queue's: they arrive with its WaitingChanged, not from this table.
            _board.Restore(calls.Select(ToBoardCall), new Dictionary<string, int>(_board.Waiting, StringComparer.Ordinal));
            await PublishBoardAsync(now, cancellationToken);
            _logger.BoardRestored(_board.RecentCalls.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _boardFlush?.Dispose();
        _gate.Dispose();
    }

    /// <summary>The announcement's audio path on the box, e.g. /audio/{key}.wav.</summary>
    public static string AudioPath(string key) => $"/audio/{key}.wav";

    private async Task OnCalledAsync(TicketCalled called, CancellationToken cancellationToken)
    {
        var announcement = CallAnnouncement.For(called.TicketNo, called.Counter, called.CounterName);
        var key = _speech.Register(announcement.Spoken);
        var stored = new StoredCall(called.TicketNo, called.Counter, called.CounterName, called.Recall, announcement.Text, announcement.Spoken, called.Ts);

        await _gate.WaitAsync(cancellationToken);
        try
        {
            _board.Call(ToBoardCall(stored));
            _speechQueue.Enqueue(key);
            var message = new CallMessage
            {
                Ts = called.Ts,
                TicketNo = called.TicketNo,
                Counter = called.Counter,
                CounterName = called.CounterName,
                Announcement = announcement.Text,
                Recall = called.Recall,
                AudioUrl = _speech.IsAvailable ? AudioUrl(key) : null,
            };
            await _publisher.PublishAsync(Topics.DisplayCall(_publisher.HallId), message, retain: false, cancellationToken);
            await PublishBoardAsync(called.Ts, cancellationToken);

            // Stored after the hall has the call, without waiting for the disk: only the board's restart needs the row.
            var written = await _store.AddCallAsync(stored, cancellationToken);
            _ = written.ContinueWith(
                t =>
                {
                    if (t.Exception?.InnerException is { } ex)
                    {
                        _logger.CallNotStored(called.TicketNo, ex);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task OnWaitingChangedAsync(WaitingChanged waiting, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _board.SetWaiting(waiting.Waiting);
            if (_options.BoardCoalesce <= TimeSpan.Zero)
            {
                await PublishBoardAsync(waiting.Ts, cancellationToken);
                return;
            }

            if (!_boardDirty)
            {
                _boardDirty = true;
                _boardFlush ??= _time.CreateTimer(_ => _ = FlushBoardAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _boardFlush.Change(_options.BoardCoalesce, Timeout.InfiniteTimeSpan);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task FlushBoardAsync()
    {
        try
        {
            await _gate.WaitAsync();
            try
            {
                if (_boardDirty)
                {
                    await PublishBoardAsync(_clock.Now(), CancellationToken.None);
                }
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            // The box is stopping; the board is published again at the next start.
        }
    }

    private Task PublishBoardAsync(DateTimeOffset ts, CancellationToken cancellationToken)
    {
        _boardDirty = false;
        return _publisher.PublishAsync(Topics.DisplayBoard(_publisher.HallId), _board.ToMessage(ts), retain: true, cancellationToken);
    }

    private string AudioUrl(string key) =>
        string.IsNullOrEmpty(_options.AudioBaseUrl) ? AudioPath(key) : _options.AudioBaseUrl.TrimEnd('/') + AudioPath(key);

    private static BoardCall ToBoardCall(StoredCall call) =>
        new(call.TicketNo, call.Counter, call.CalledAt) { CounterName = call.CounterName, Recall = call.Recall };
}
