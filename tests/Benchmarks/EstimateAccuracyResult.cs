using Hall.Devices.HallSimulator;

namespace Hall.Benchmarks;

public sealed record EstimateAccuracyResult(int Mornings, int People, int MostWaiting, EstimateAccuracy Estimator, EstimateAccuracy Plain);
