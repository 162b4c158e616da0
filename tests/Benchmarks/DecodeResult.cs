namespace Hall.Benchmarks;

/// <summary>
/// One ffmpeg-only phase: N cameras decoding at their own pace for the window.
/// </summary>
/// <param name="Label">What ran.</param>
/// <param name="Cameras">ffmpeg processes.</param>
/// <param name="Cpu">ffmpeg CPU (<see cref="CpuWindow.Children"/>) and the benchmark's own reading side (<see cref="CpuWindow.Own"/>).</param>
/// <param name="RatePerCamera">Frames per second per camera the window saw: decoded frames (decode alone) or samples read from the pipe (decode+scale).</param>
/// <param name="ExpectedRate">What a camera that keeps up delivers: 25 decoded frames or 2 samples per second.</param>
/// <param name="Restarts">ffmpeg processes that ended or were restarted during the phase (0 for a clean run).</param>
/// <param name="FfmpegPssMiB">Proportional resident memory (Pss) of all the ffmpeg processes at the end of the window.</param>
internal sealed record DecodeResult(string Label, int Cameras, CpuWindow Cpu, double RatePerCamera, double ExpectedRate, int Restarts, double FfmpegPssMiB)
{
    public double FfmpegPercentPerCamera => CpuWindow.PerCameraPercent(Cpu.Children, Cameras, Cpu.Elapsed);

    /// <summary>
    /// ffmpeg CPU per camera for the full rate: the same as <see cref="FfmpegPercentPerCamera"/> when it kept up;
    /// scaled up by expected ÷ achieved rate when the machine was too busy for it to decode every frame in time.
    /// </summary>
    public double FullRatePercentPerCamera => RatePerCamera > 0 && RatePerCamera < ExpectedRate
        ? FfmpegPercentPerCamera * ExpectedRate / RatePerCamera
        : FfmpegPercentPerCamera;

    public bool KeptUp => Restarts == 0 && RatePerCamera >= 0.97 * ExpectedRate;
}
