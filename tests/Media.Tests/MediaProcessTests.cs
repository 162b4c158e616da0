using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Media.Tests;

/// <summary>The runner with real children (sh, sleep, ffmpeg): timeouts on the injected clock, cancellation, stderr.</summary>
public class MediaProcessTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_child_that_times_out_is_killed_with_its_children()
    {
        using var limit = new CancellationTokenSource(Limit);
        var time = new FakeTimeProvider();
        await using var process = MediaProcess.Start(Children.ShellWithGrandchild(), time, limit.Token);
        var grandchild = await Children.ReadPidAsync(process, limit.Token);
        Assert.True(Children.IsAlive(grandchild));

        process.KillAfter(TimeSpan.FromMinutes(5));
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(process.Killed);
        time.Advance(TimeSpan.FromMinutes(1));
        var exitCode = await process.WaitForExitAsync(Timeout.InfiniteTimeSpan, limit.Token);

        Assert.Null(exitCode);
        Assert.True(process.TimedOut);
        Assert.False(Children.IsAlive(process.Id));
        await Children.WaitUntilGoneAsync(grandchild, limit.Token);
    }

    [Fact]
    public async Task A_run_to_completion_past_its_limit_is_killed_and_says_so()
    {
        using var limit = new CancellationTokenSource(Limit);
        var time = new FakeTimeProvider();
        var spoke = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var command = new MediaCommand("sh", ["-c", "echo 'waiting for a camera' >&2; sleep 600 & wait"]) { OnStderrLine = _ => spoke.TrySetResult() };

        // The limit is armed by the time RunAsync returns its task.
        var run = MediaProcess.RunAsync(command, TimeSpan.FromSeconds(30), time, limit.Token);
        await spoke.Task.WaitAsync(limit.Token);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(run.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        var result = await run;
        Assert.True(result.TimedOut);
        Assert.Null(result.ExitCode);
        var error = Assert.Throws<MediaProcessException>(() => result.ThrowIfFailed());
        Assert.StartsWith("sh did not finish within 30 s and was killed: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("waiting for a camera", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ffmpeg_stuck_on_a_silent_camera_is_killed_by_the_watchdog()
    {
        using var limit = new CancellationTokenSource(Limit);
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var time = new FakeTimeProvider();
        await using var ffmpeg = MediaProcess.Start(
            new MediaCommand("ffmpeg", ["-hide_banner", "-nostdin", "-rw_timeout", "3600000000", "-i", $"tcp://127.0.0.1:{port}", "-f", "rawvideo", "pipe:1"]),
            time,
            limit.Token);
        using var connection = await silent.AcceptTcpClientAsync(limit.Token);
        ffmpeg.KillAfter(TimeSpan.FromSeconds(10));

        var read = ffmpeg.StandardOutput.ReadAsync(new byte[1], limit.Token).AsTask();
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, await read);
        Assert.Null(await ffmpeg.WaitForExitAsync(Timeout.InfiniteTimeSpan, limit.Token));
        Assert.True(ffmpeg.TimedOut);
    }

    [Fact]
    public async Task The_error_carries_the_last_stderr_lines()
    {
        using var limit = new CancellationTokenSource(Limit);
        var command = new MediaCommand("sh", ["-c", "i=1; while [ $i -le 30 ]; do echo \"line $i\" >&2; i=$((i+1)); done; exit 3"]);

        var result = await MediaProcess.RunAsync(command, TimeSpan.FromMinutes(1), cancellationToken: limit.Token);
        var error = Assert.Throws<MediaProcessException>(() => result.ThrowIfFailed());

        Assert.Equal(3, error.ExitCode);
        Assert.Equal(Enumerable.Range(19, 12).Select(i => $"line {i}"), error.StderrTail);
        Assert.StartsWith("sh exited with code 3: line 19", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("line 30", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("line 18", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ffmpeg_error_reaches_the_message_without_a_cameras_password()
    {
        using var limit = new CancellationTokenSource(Limit);
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.mp4");
        var ffmpeg = await MediaProcess.RunAsync(new MediaCommand("ffmpeg", ["-hide_banner", "-nostdin", "-i", missing, "-f", "null", "-"]), TimeSpan.FromMinutes(1), cancellationToken: limit.Token);
        var camera = await MediaProcess.RunAsync(new MediaCommand("sh", ["-c", "echo 'rtsp://admin:hunter2@10.0.0.7/h264: 401 Unauthorized' >&2; exit 1"]), TimeSpan.FromMinutes(1), cancellationToken: limit.Token);

        Assert.NotEqual(0, ffmpeg.ExitCode);
        Assert.Contains("No such file or directory", ffmpeg.Error, StringComparison.Ordinal);
        Assert.Contains("rtsp://***@10.0.0.7/h264: 401 Unauthorized", camera.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", camera.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_kills_the_tree()
    {
        using var limit = new CancellationTokenSource(Limit);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);
        await using var process = MediaProcess.Start(Children.ShellWithGrandchild(), cancellationToken: stop.Token);
        var grandchild = await Children.ReadPidAsync(process, limit.Token);
        var waiting = process.WaitForExitAsync(Timeout.InfiniteTimeSpan, stop.Token);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.True(process.Killed);
        Assert.False(Children.IsAlive(process.Id));
        await Children.WaitUntilGoneAsync(grandchild, limit.Token);
    }

    [Fact]
    public async Task Cancelling_a_run_to_completion_kills_the_tree_and_throws()
    {
        using var limit = new CancellationTokenSource(Limit);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);
        var pidFile = Path.Combine(Path.GetTempPath(), $"media-{Guid.NewGuid():N}.pid");
        try
        {
            var run = MediaProcess.RunAsync(new MediaCommand("sh", ["-c", $"sleep 600 & echo $! > {pidFile}; wait"]), TimeSpan.FromHours(1), cancellationToken: stop.Token);
            while (!File.Exists(pidFile) || new FileInfo(pidFile).Length == 0)
                await Task.Delay(20, limit.Token);
            var grandchild = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);

            await stop.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            await Children.WaitUntilGoneAsync(grandchild, limit.Token);
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task Stdin_is_written_and_stdout_read_even_past_the_pipe_buffer()
    {
        using var limit = new CancellationTokenSource(Limit);
        // 512×512 RGB is 768 KiB: far more than a pipe holds, so writing and reading must overlap.
        var rgb = new byte[512 * 512 * 3];
        Array.Fill(rgb, (byte)200);
        var command = new MediaCommand(
            "ffmpeg",
            ["-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "512x512", "-i", "pipe:0", "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"])
        { StandardInput = rgb };

        var result = await MediaProcess.RunAsync(command, TimeSpan.FromMinutes(1), cancellationToken: limit.Token);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(512 * 512, result.StandardOutput.Length);
        Assert.All(result.StandardOutput.ToArray(), b => Assert.InRange(b, 190, 210));
    }

    [Fact]
    public void A_missing_executable_cannot_be_started()
    {
        var error = Assert.Throws<MediaStartException>(() => MediaProcess.Start(new MediaCommand("/nonexistent/ffmpeg", ["-version"])));

        Assert.StartsWith("Cannot start /nonexistent/ffmpeg: ", error.Message, StringComparison.Ordinal);
    }
}
