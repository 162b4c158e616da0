namespace Hall.Devices.HallSimulator;

/// <summary>How well the printed wait estimates matched the real waits.</summary>
/// <param name="Compared">People with both an estimate and a real wait.</param>
/// <param name="MeanAbsoluteErrorMinutes">Mean of |estimate − real wait|.</param>
/// <param name="MeanErrorMinutes">Mean of (estimate − real wait): above zero means estimates run long.</param>
/// <param name="MeanWaitMinutes">Mean real wait, to put the error in proportion.</param>
public sealed record EstimateAccuracy(int Compared, double MeanAbsoluteErrorMinutes, double MeanErrorMinutes, double MeanWaitMinutes)
{
    public static EstimateAccuracy From(IEnumerable<(double EstimateMinutes, double WaitedMinutes)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var count = 0;
        double absolute = 0, signed = 0, waited = 0;
        foreach (var (estimate, real) in pairs)
        {
            count++;
            absolute += Math.Abs(estimate - real);
            signed += estimate - real;
            waited += real;
        }

        return count == 0
            ? new EstimateAccuracy(0, double.NaN, double.NaN, double.NaN)
            : new EstimateAccuracy(count, absolute / count, signed / count, waited / count);
    }
}
