using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using Hall.SiteInspection.Jobs;

namespace Hall.SiteInspection.Tests.Jobs;

/// <summary>
/// Real but simple work: hashes the video in steps, reporting progress after each. With a gate, each step after the
/// first waits for the test to let it go, so a test can look at a job mid-way or stop the worker there.
/// </summary>
internal sealed class SteppedHashRunner : IInspectionJobRunner
{
    private readonly int _steps;
    private readonly SemaphoreSlim? _gate;
    private readonly Func<InspectionJob, Exception?>? _failure;

    public SteppedHashRunner(int steps = 8, SemaphoreSlim? gate = null, Func<InspectionJob, Exception?>? failure = null)
    {
        _steps = steps;
        _gate = gate;
        _failure = failure;
    }

    /// <summary>The hash each finished run computed, by job id.</summary>
    public ConcurrentDictionary<long, string> Hashes { get; } = new();

    /// <summary>(job, attempt, step) for each step done.</summary>
    public Channel<(long JobId, int Attempt, int Step)> Steps { get; } = Channel.CreateUnbounded<(long, int, int)>();

    public async Task RunAsync(InspectionJob job, IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        if (_failure?.Invoke(job) is { } failure)
        {
            throw failure;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var video = new FileStream(job.VideoPath, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        var stepSize = (int)((video.Length + _steps - 1) / _steps);
        var buffer = new byte[stepSize];
        for (var step = 1; step <= _steps; step++)
        {
            if (step > 1 && _gate is not null)
            {
                await _gate.WaitAsync(cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var read = await video.ReadAtLeastAsync(buffer, stepSize, throwOnEndOfStream: false, cancellationToken);
            hash.AppendData(buffer, 0, read);
            progress.Report(new JobProgress(step * 90 / _steps, string.Create(CultureInfo.InvariantCulture, $"正在校验视频 {step}/{_steps}")));
            await Steps.Writer.WriteAsync((job.Id, job.Attempt, step), cancellationToken);
        }

        Hashes[job.Id] = Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
