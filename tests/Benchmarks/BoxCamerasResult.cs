namespace Hall.Benchmarks;

/// <summary>The whole pipeline: the real box with N counter cameras, over the window.</summary>
/// <param name="Cameras">Counter cameras configured.</param>
/// <param name="Cpu">The box process (<see cref="CpuWindow.Own"/>: reading pipes, inference, rules, host) and its ffmpegs (<see cref="CpuWindow.Children"/>).</param>
/// <param name="SampleRate">Samples per second asked of each camera.</param>
/// <param name="Inferred">Samples inferred in the window, all cameras (hall_camera_inferences_total).</param>
/// <param name="Read">Samples read from the ffmpegs in the window (hall_camera_frames_total).</param>
/// <param name="Dropped">Samples dropped in the window because inference was behind (hall_camera_dropped_total).</param>
/// <param name="Restarts">ffmpeg restarts in the window (hall_camera_restarts_total).</param>
/// <param name="Online">Cameras online at the end of the window.</param>
/// <param name="SlowestCameraRate">Samples per second inferred for the camera that got the fewest.</param>
/// <param name="InferenceSeconds">Wall time inside face detection in the window (hall_camera_inference_seconds_total).</param>
/// <param name="BoxPeakRssMiB">The box process's peak resident memory (VmHWM) at the end.</param>
/// <param name="FfmpegPssMiB">Proportional resident memory (Pss) of all the box's ffmpegs at the end of the window.</param>
internal sealed record BoxCamerasResult(
    int Cameras,
    CpuWindow Cpu,
    double SampleRate,
    double Inferred,
    double Read,
    double Dropped,
    double Restarts,
    int Online,
    double SlowestCameraRate,
    double InferenceSeconds,
    double BoxPeakRssMiB,
    double FfmpegPssMiB)
{
    /// <summary>Samples inferred per second per camera, on average.</summary>
    public double SamplesPerCamera => Cameras == 0 ? 0 : Inferred / Cpu.Elapsed.TotalSeconds / Cameras;

    public double WholePercentPerCamera => CpuWindow.PerCameraPercent(Cpu.Total, Cameras, Cpu.Elapsed);

    public double MachinePercent => CpuWindow.MachinePercent(Cpu.Total, Cpu.Elapsed);

    /// <summary>Every camera online, every sample asked for inferred (3 % slack for the window's edges), none dropped, no restart.</summary>
    public bool KeptUp => Cameras > 0 && Online == Cameras && Dropped == 0 && Restarts == 0
        && SamplesPerCamera >= 0.97 * SampleRate && SlowestCameraRate >= 0.9 * SampleRate;

    /// <summary>Keeps up and leaves at least a fifth of the machine to the rest of the box (queue, broker, pages).</summary>
    public bool Fits => KeptUp && MachinePercent <= FitMachinePercent;

    public const double FitMachinePercent = 80;
}
