using Hall.CounterMonitor.Cameras;
using Hall.CounterMonitor.Video;

namespace Hall.CounterMonitor.Pipeline;

/// <summary>
/// When a sample was taken. A network camera: when it arrived. A file (a replay, or a recording checked faster than
/// real time): the run's first arrival plus the frame's place in the stream, so the rules see the video's own time.
/// </summary>
public sealed class SampleClock
{
    private readonly Dictionary<(string Camera, int Generation), (DateTimeOffset ReceivedAt, TimeSpan StreamTime)> _runStarts = [];

    public DateTimeOffset TimeOf(CameraDefinition camera, VideoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(frame);
        if (!camera.IsFile)
        {
            return frame.ReceivedAt;
        }

        var key = (frame.CameraId, frame.Generation);
        if (!_runStarts.TryGetValue(key, out var start))
        {
            // One entry per run of a file camera; earlier runs of the same camera are of no further use.
            foreach (var old in _runStarts.Keys.Where(k => k.Camera == frame.CameraId).ToList())
            {
                _runStarts.Remove(old);
            }

            _runStarts[key] = start = (frame.ReceivedAt, frame.StreamTime);
        }

        return start.ReceivedAt + (frame.StreamTime - start.StreamTime);
    }
}
