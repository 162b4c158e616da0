using System.Diagnostics;
using Hall.Vision;

namespace Hall.Benchmarks;

/// <summary>
/// Inference alone: the box's <see cref="BlazeFaceDetector"/> (front model, one intra-op thread, no spinning) on
/// real samples of the clips, one after another on one thread, as many as the cameras would send in the window.
/// CPU is this process's CPU time around the loop (the detector runs on the calling thread; nothing else runs).
/// </summary>
internal static class InferenceFloor
{
    public static InferenceResult Run(string modelDirectory, IReadOnlyList<byte[]> samples, int count)
    {
        var model = BlazeFaceModel.Front;
        using var detector = new BlazeFaceDetector(Path.Combine(modelDirectory, model.FileName), model);

        // Warm-up: first runs allocate ONNX Runtime's arena and JIT the decoding.
        for (var i = 0; i < Math.Min(50, samples.Count * 2); i++)
        {
            detector.Detect(samples[i % samples.Count]);
        }

        var withFace = 0;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var busy = ProcCpu.MachineBusySeconds();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            if (detector.Detect(samples[i % samples.Count]).Count > 0)
            {
                withFace++;
            }
        }

        var wall = clock.Elapsed;
        busy = ProcCpu.MachineBusySeconds() - busy;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpu0;
        var others = CpuWindow.MachinePercent(Math.Max(0, busy - cpu.TotalSeconds), wall);
        return new InferenceResult(count, cpu.TotalSeconds, wall.TotalSeconds, (double)withFace / count, others);
    }
}
