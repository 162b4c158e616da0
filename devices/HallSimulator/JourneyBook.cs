namespace Hall.Devices.HallSimulator;

/// <summary>
/// Bookkeeping of every simulated person's journey, shared by the kiosk, caller and display loops
/// (hence the lock). Tickets are matched by number among those not yet called, so a number the box
/// reuses on a later day finds the new holder.
/// </summary>
public sealed class JourneyBook
{
    private readonly Lock _gate = new();
    private readonly List<PersonJourney> _people = [];
    private readonly Dictionary<string, PersonJourney> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PersonJourney> _inService = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _people.Count;
            }
        }
    }

    /// <summary>Waiting in the hall with a ticket, not yet called.</summary>
    public int WaitingCount
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    public PersonJourney Arrive(string category, DateTimeOffset at, string? kioskId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(category);
        lock (_gate)
        {
            var person = new PersonJourney { Person = _people.Count + 1, Category = category, ArrivedAt = at, KioskId = kioskId };
            _people.Add(person);
            return person;
        }
    }

    public void Issued(PersonJourney person, string ticketNo, int waitingAhead, int estimatedWaitMinutes, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentException.ThrowIfNullOrEmpty(ticketNo);
        lock (_gate)
        {
            person.TicketNo = ticketNo;
            person.WaitingAhead = waitingAhead;
            person.EstimatedWaitMinutes = estimatedWaitMinutes;
            person.IssuedAt = issuedAt;
            _waiting[ticketNo] = person;
        }
    }

    public void Refused(PersonJourney person, string code)
    {
        ArgumentNullException.ThrowIfNull(person);
        lock (_gate)
        {
            person.RefusedCode = code;
        }
    }

    /// <summary>A counter called the ticket. A second call of the same ticket counts as a recall.</summary>
    public PersonJourney? Called(string ticketNo, string counter, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_waiting.Remove(ticketNo, out var person))
            {
                person.CalledAt = at;
                person.Counter = counter;
                _inService[ticketNo] = person;
                return person;
            }

            if (_inService.TryGetValue(ticketNo, out var recalled))
            {
                recalled.Recalls++;
                return recalled;
            }

            return null;
        }
    }

    public PersonJourney? Finished(string ticketNo, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (!_inService.Remove(ticketNo, out var person))
            {
                return null;
            }

            person.FinishedAt = at;
            return person;
        }
    }

    public PersonJourney? Skipped(string ticketNo, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (!_inService.Remove(ticketNo, out var person))
            {
                return null;
            }

            person.Skipped = true;
            person.FinishedAt = at;
            return person;
        }
    }

    public IReadOnlyList<PersonJourney> Snapshot()
    {
        lock (_gate)
        {
            return _people.ToArray();
        }
    }

    /// <summary>Printed estimate against the real wait (issue → first call), over everyone called so far.</summary>
    public EstimateAccuracy Accuracy()
    {
        var people = Snapshot();
        return EstimateAccuracy.From(people
            .Where(p => p.EstimatedWaitMinutes is not null && p.Waited is not null)
            .Select(p => ((double)p.EstimatedWaitMinutes!.Value, p.Waited!.Value.TotalMinutes)));
    }
}
