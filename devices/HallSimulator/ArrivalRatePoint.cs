namespace Hall.Devices.HallSimulator;

/// <summary>One corner of an arrival profile: at this time of day, people arrive at this rate.</summary>
/// <param name="At">Hall time of day.</param>
/// <param name="PerHour">Arrivals per hour at that moment; the rate is linear between corners.</param>
public readonly record struct ArrivalRatePoint(TimeOnly At, double PerHour);
