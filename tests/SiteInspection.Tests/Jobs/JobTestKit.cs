using Hall.SiteInspection.Jobs;
using Hall.SiteInspection.Tests.Upload;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hall.SiteInspection.Tests.Jobs;

internal static class JobTestKit
{
    /// <summary>Uploads a video through the real store; returns its job id (queued by the completion).</summary>
    public static async Task<long> UploadVideoAsync(InspectionStorage storage, string applicationId = "SQ2025-0314-001", int length = 400_000, int seed = 1)
    {
        var file = TestFiles.Mp4(length, seed);
        var store = storage.NewStore();
        var id = store.Create(new(applicationId, "现场.mp4", "video/mp4", file.Length)).Status!.UploadId;
        var done = await TestFiles.SendAsync(store, id, file, 0, 128 * 1024);
        return done.Status!.JobId!.Value;
    }

    public static InspectionJobWorker Worker(InspectionStorage storage, InspectionJobQueue queue, IInspectionJobRunner runner) =>
        new(queue, runner, Options.Create(storage.JobOptions), storage.Time, NullLogger<InspectionJobWorker>.Instance);

    /// <summary>Waits until the job satisfies the condition; fails after 60 s (a bound, not a measurement).</summary>
    public static async Task<InspectionJobStatus> UntilAsync(InspectionJobQueue queue, long jobId, Func<InspectionJobStatus, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = queue.Find(jobId)!;
            if (condition(status))
            {
                return status;
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    public static CancellationTokenSource Limit() => new(TimeSpan.FromSeconds(60));
}
