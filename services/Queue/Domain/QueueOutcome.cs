using Hall.Contract.Events;
using Hall.Contract;
using Hall.Queue.Estimation;

namespace Hall.Queue.Domain;

/// <summary>
/// What one engine command did: either an error (and then nothing but day-end housekeeping changed) or a result,
/// plus every changed row to save and every domain event to send after the commit.
/// </summary>
public sealed class QueueOutcome
{
    public ErrorBody? Error { get; init; }

    /// <summary>The ticket issued, reprinted or acted on.</summary>
    public Ticket? Ticket { get; init; }

    /// <summary>For ticket replies: people ahead and expected wait.</summary>
    public WaitEstimate? Estimate { get; init; }

    /// <summary>For counter replies: the counter's state after the command.</summary>
    public CounterStateMessage? CounterState { get; init; }

    public IReadOnlyList<Ticket> ChangedTickets { get; init; } = [];

    public IReadOnlyList<Counter> ChangedCounters { get; init; } = [];

    public IReadOnlyList<Category> ChangedCategories { get; init; } = [];

    /// <summary>Retained state of every changed counter, to publish after the commit.</summary>
    public IReadOnlyList<CounterStateMessage> CounterStates { get; init; } = [];

    public IReadOnlyList<HallEvent> Events { get; init; } = [];

    public bool Ok => Error is null;

    /// <summary>The same outcome with its error replaced (a refusal given a retry time).</summary>
    public QueueOutcome With(ErrorBody error) => new()
    {
        Error = error,
        Ticket = Ticket,
        Estimate = Estimate,
        CounterState = CounterState,
        ChangedTickets = ChangedTickets,
        ChangedCounters = ChangedCounters,
        ChangedCategories = ChangedCategories,
        CounterStates = CounterStates,
        Events = Events,
    };
}
