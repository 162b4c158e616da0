using Microsoft.Extensions.Hosting;

namespace Hall.SiteInspection;

/// <summary>
/// Deletes checked videos past SiteInspection:VideoRetention, once an hour; a video the hub asked for (held) stays.
/// The verdict, the hash and the evidence pack stay forever.
/// </summary>
public sealed class VideoRetention(InspectionStore store, HallClock clock, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            Sweep();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal void Sweep()
    {
        var now = clock.Now();
        foreach (var (inspectionId, path) in store.ExpiredVideos(now))
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }

            store.VideoDeleted(inspectionId, now);
        }
    }
}
