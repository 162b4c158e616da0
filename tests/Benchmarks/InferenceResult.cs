namespace Hall.Benchmarks;

/// <summary>Serial face detections on real samples.</summary>
/// <param name="Count">Detections run.</param>
/// <param name="CpuSeconds">Process CPU time over them.</param>
/// <param name="WallSeconds">Wall-clock time over them.</param>
/// <param name="FaceRate">Share of samples in which a face was found (the clips show one throughout).</param>
/// <param name="OtherPercent">Other work on the machine meanwhile, in % of all its CPUs.</param>
internal sealed record InferenceResult(int Count, double CpuSeconds, double WallSeconds, double FaceRate, double OtherPercent)
{
    public double CpuMsPerInference => 1000 * CpuSeconds / Count;

    public double WallMsPerInference => 1000 * WallSeconds / Count;

    /// <summary>CPU per camera in percent of one core at <paramref name="sampleRate"/> samples per second.</summary>
    public double PercentPerCamera(double sampleRate) => 100 * sampleRate * CpuSeconds / Count;
}
