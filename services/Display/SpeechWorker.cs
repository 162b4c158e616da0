using Microsoft.Extensions.Hosting;

namespace Hall.Display;

/// <summary>Renders queued announcements one at a time so the WAV is ready when a display asks for it.</summary>
public sealed class SpeechWorker(SpeechQueue queue, SpeechCache cache) : BackgroundService
{
    private const string ProbeText = "叫号语音已就绪";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        cache.PruneDirectory();

        // Find a missing or broken espeak-ng at start, not at the first call of the morning.
        await cache.RenderAsync(ProbeText, stoppingToken);
        await foreach (var key in queue.Reader.ReadAllAsync(stoppingToken))
        {
            // A failure is logged by the cache and leaves the call shown without sound.
            await cache.GetAsync(key, stoppingToken);
        }
    }
}
