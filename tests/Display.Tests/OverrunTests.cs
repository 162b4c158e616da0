using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hall.Display.Tests;

/// <summary>
/// espeak-ng overrunning its time on a busy box: one overrun is a missed clip (a warning, the next call tries again and
/// keeps its sound); only overruns in a row mean the hall has no sound, which is the error a technician must see.
/// </summary>
public sealed class OverrunTests
{
    private const string Spoken = "请 A 0 1 2 号到 3 号窗口办理";

    [Fact]
    public async Task A_clip_that_overruns_once_is_a_warning_and_the_next_call_has_its_sound()
    {
        using var temp = new TempDirectory();
        var log = new Recorder();
        var speech = new SpeechCache(Microsoft.Extensions.Options.Options.Create(DisplayHarness.Options(temp)), new OverrunningRunner(overruns: SpeechCache.OverrunsBeforeFailure - 1), log);

        for (var i = 1; i < SpeechCache.OverrunsBeforeFailure; i++)
        {
            Assert.Equal(SpeechStatus.Failed, (await speech.RenderAsync($"{Spoken} {i}")).Status);
            Assert.True(speech.IsAvailable);
        }

        Assert.Equal(SpeechStatus.Ready, (await speech.RenderAsync(Spoken)).Status);
        Assert.True(speech.IsAvailable);
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Error);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("did not finish", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Overruns_in_a_row_mean_no_sound_and_say_so_once_as_an_error()
    {
        using var temp = new TempDirectory();
        var log = new Recorder();
        var speech = new SpeechCache(Microsoft.Extensions.Options.Options.Create(DisplayHarness.Options(temp)), new OverrunningRunner(overruns: 100), log);

        for (var i = 0; i < SpeechCache.OverrunsBeforeFailure + 2; i++)
        {
            await speech.RenderAsync($"{Spoken} {i}");
        }

        Assert.False(speech.IsAvailable);
        Assert.Single(log.Entries, e => e.Level == LogLevel.Error);
    }

    private sealed class OverrunningRunner(int overruns) : ISpeechRunner
    {
        private readonly EspeakRunner _inner = new();
        private int _left = overruns;

        public Task<SpeechRunResult> RunAsync(string executable, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
            Interlocked.Decrement(ref _left) >= 0
                ? Task.FromResult(new SpeechRunResult(-1, string.Empty, "espeak-ng did not finish within 20 s and was stopped.") { TimedOut = true })
                : _inner.RunAsync(executable, arguments, timeout, cancellationToken);
    }

    private sealed class Recorder : ILogger<SpeechCache>
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
