namespace Hall.Devices.HallSimulator;

/// <summary>What a simulation run saw.</summary>
public sealed record SimulationReport
{
    public required int People { get; init; }

    public required int TicketsIssued { get; init; }

    public required int TicketsRefused { get; init; }

    public required int Called { get; init; }

    public required int Finished { get; init; }

    public required int Skipped { get; init; }

    public required int Recalls { get; init; }

    /// <summary>display/call messages received, summed over all displays.</summary>
    public required long CallsSeenByDisplays { get; init; }

    /// <summary>counter/+/state messages received, summed over all displays.</summary>
    public required long CounterStatesSeenByDisplays { get; init; }

    /// <summary>Refusals and timeouts, by "role:code" (e.g. "caller:no-waiting-ticket" is normal in a quiet hall).</summary>
    public required IReadOnlyDictionary<string, int> Errors { get; init; }

    /// <summary>Printed estimates against the real waits (box clock).</summary>
    public required EstimateAccuracy Accuracy { get; init; }

    public required TimeSpan RealElapsed { get; init; }

    public required TimeSpan HallElapsed { get; init; }

    public required IReadOnlyList<PersonJourney> Journeys { get; init; }
}
